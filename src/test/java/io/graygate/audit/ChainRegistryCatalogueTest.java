package io.graygate.audit;

import io.graygate.platform.Database;
import io.graygate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry against PostgreSQL's catalogue: every table with the append-only trigger is chained (or
 * covered inside a chained entity's content), and every table graygate has is either chained or listed as
 * not chained with a reason. A new append-only table (issue 16's agent reports, say) fails here until it is
 * registered in {@link ChainedTables#ALL}.
 */
@ExtendWith(TestDatabase.class)
class ChainRegistryCatalogueTest {

    @Test
    void everyAppendOnlyTableIsChained(Database db) {
        List<String> appendOnly = db.jdbi().withHandle(h -> h.createQuery("""
                        SELECT DISTINCT c.relname FROM pg_trigger t
                        JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
                        WHERE p.proname = 'graygate_forbid_change' AND NOT t.tgisinternal ORDER BY 1""")
                .mapTo(String.class).list());

        assertThat(appendOnly).as("the catalogue query finds the append-only tables").contains("evaluation", "stage_decision");
        assertThat(appendOnly).allSatisfy(table -> assertThat(chainedOrCovered().contains(table)
                || table.equals("audit_chain"))
                .as("append-only table %s is in ChainedTables.ALL (or covered by a chained entity's content)", table)
                .isTrue());
    }

    @Test
    void everyOtherTableIsAnExplicitException(Database db) {
        List<String> tables = db.jdbi().withHandle(h -> h.createQuery("""
                        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                        ORDER BY 1""")
                .mapTo(String.class).list());

        assertThat(tables).allSatisfy(table -> assertThat(chainedOrCovered().contains(table)
                || ChainedTables.NOT_CHAINED.containsKey(table))
                .as("table %s is chained or listed in ChainedTables.NOT_CHAINED with a reason", table).isTrue());
        assertThat(ChainedTables.NOT_CHAINED.values()).allSatisfy(reason -> assertThat(reason).isNotBlank());
    }

    @Test
    void registryEntriesAreDistinct() {
        assertThat(ChainedTables.ALL.stream().map(ChainedTable::entity)).doesNotHaveDuplicates();
        assertThat(ChainedTables.ALL.stream().map(ChainedTable::table)).doesNotHaveDuplicates();
    }

    private static Set<String> chainedOrCovered() {
        Set<String> names = new HashSet<>();
        ChainedTables.ALL.forEach(t -> Stream.concat(Stream.of(t.table()), t.covers().stream()).forEach(names::add));
        return names;
    }
}
