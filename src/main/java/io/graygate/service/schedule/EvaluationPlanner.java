package io.graygate.service.schedule;

import io.graygate.release.ReleaseStore;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the oldest business date the scheduler has not dealt with yet and schedules it: a due date at once
 * (its run time is past), otherwise the next date at its run time. Dates before the release's first stage start
 * are never planned (nothing was live), nor dates more than {@code catch_up_max_days} before the latest due date.
 */
final class EvaluationPlanner {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluationPlanner.class);

    /** Schedules the date's task instance at the instant unless it exists; true when it was created. */
    interface Scheduling {
        boolean schedule(LocalDate date, Instant at);
    }

    private final String release;
    private final ReleaseStore lifecycle;
    private final Jdbi jdbi;
    private final BusinessCalendar calendar;
    private final int catchUpMaxDays;
    private final Clock clock;
    private final Scheduling scheduling;

    EvaluationPlanner(String release, ReleaseStore lifecycle, Jdbi jdbi, BusinessCalendar calendar, int catchUpMaxDays,
                      Clock clock, Scheduling scheduling) {
        this.release = release;
        this.lifecycle = lifecycle;
        this.jdbi = jdbi;
        this.calendar = calendar;
        this.catchUpMaxDays = catchUpMaxDays;
        this.clock = clock;
        this.scheduling = scheduling;
    }

    /** Schedules the oldest missing date; empty when no stage was ever started. */
    Optional<LocalDate> planNext() {
        Optional<Instant> firstStart = lifecycle.firstStageStart(release);
        if (firstStart.isEmpty()) {
            LOG.debug("scheduled evaluations of {}: no stage started yet, nothing to plan", release);
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<LocalDate> latestDue = calendar.latestDue(now);
        LocalDate from = firstStart.get().atZone(ZoneOffset.UTC).toLocalDate();
        if (latestDue.isPresent()) {
            from = catchUpBound(from, latestDue.get());
        }
        Optional<LocalDate> oldest = oldestMissing(from);
        oldest.ifPresent(date -> {
            Instant at = calendar.runAt(date);
            if (scheduling.schedule(date, at)) {
                LOG.info("scheduled evaluation of {} for {} planned, due at {}", release, date, at);
            }
        });
        return oldest;
    }

    private LocalDate catchUpBound(LocalDate from, LocalDate latestDue) {
        LocalDate earliest = latestDue.minusDays(catchUpMaxDays - 1L);
        if (!earliest.isAfter(from)) {
            return from;
        }
        LocalDate afterLastDone = lastDone().map(d -> d.plusDays(1)).orElse(from);
        LocalDate firstSkipped = afterLastDone.isAfter(from) ? afterLastDone : from;
        if (firstSkipped.isBefore(earliest)) {
            LOG.warn("scheduled evaluations of {}: {} .. {} are older than catch_up_max_days ({}) and are not caught up",
                    release, firstSkipped, earliest.minusDays(1), catchUpMaxDays);
        }
        return earliest;
    }

    private Optional<LocalDate> oldestMissing(LocalDate from) {
        Set<LocalDate> done = doneSince(from);
        Optional<LocalDate> date = calendar.firstOnOrAfter(from);
        while (date.isPresent() && done.contains(date.get())) {
            date = calendar.firstOnOrAfter(date.get().plusDays(1));
        }
        return date;
    }

    private Set<LocalDate> doneSince(LocalDate from) {
        return jdbi.withHandle(h -> h.createQuery("SELECT business_date FROM scheduled_day "
                        + "WHERE release = :release AND business_date >= :from")
                .bind("release", release).bind("from", from).mapTo(LocalDate.class).collect(Collectors.toCollection(HashSet::new)));
    }

    private Optional<LocalDate> lastDone() {
        return jdbi.withHandle(h -> h.createQuery("SELECT max(business_date) FROM scheduled_day WHERE release = :release")
                .bind("release", release).mapTo(LocalDate.class).findOne());
    }
}
