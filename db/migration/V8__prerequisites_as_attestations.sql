-- Stage-1 entry is decided by rules/entry.drl over people's statements (attestation) since V8; the
-- release_prerequisite table of V5 is no longer written. Its rows are statements that a prerequisite was
-- done, so they become attestations of stage 1 (value yes, same person, same time, the evidence as the note).
-- A check somebody already stated in attestation is left alone: that statement is newer and in force.
-- release_prerequisite itself stays, append-only, as the record of what was entered there.
--
-- The stage-1 name is not in release_prerequisite: it is taken from the release's own stage-1 events when
-- it has some, otherwise the shipped configuration's stage 1 (gray_10pct).

INSERT INTO attestation (release, stage, check_name, value, stated_by, note, stated_at)
SELECT p.release,
       COALESCE((SELECT e.stage FROM release_event e
                 WHERE e.release = p.release AND e.stage_number = 1 AND e.stage IS NOT NULL
                 ORDER BY e.id LIMIT 1), 'gray_10pct'),
       p.name,
       true,
       p.satisfied_by,
       'recorded as prerequisite (graygate stage prerequisite): ' || p.evidence,
       p.created_at
FROM release_prerequisite p
WHERE p.id = (SELECT min(q.id) FROM release_prerequisite q WHERE q.release = p.release AND q.name = p.name)
  AND NOT EXISTS (SELECT 1 FROM attestation a WHERE a.release = p.release AND a.check_name = p.name)
ORDER BY p.id;
