package io.graygate.platform;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out the small integer id of each series, creating it on first sight. It runs on its own
 * connection because the ingest's connection is busy streaming COPY data; a series row is only a
 * dictionary entry, so committing it apart from the samples leaves nothing half-done.
 */
public final class SeriesRegistry implements AutoCloseable {
    private final Handle handle;
    private final Map<SeriesKey, Integer> ids;
    private final Map<Integer, SeriesKey> keys;

    public SeriesRegistry(Jdbi jdbi) {
        this(jdbi, new Known());
    }

    /**
     * A registry over ids already known to this process: series rows are committed on their own and never
     * change, so a service that loads many small pushes keeps them instead of asking the database for each
     * series of each push again (two round trips per series made a push of 3,500 samples take most of a second).
     */
    public SeriesRegistry(Jdbi jdbi, Known known) {
        this.handle = jdbi.open();
        this.ids = known.ids;
        this.keys = known.keys;
    }

    /** Series ids known to a process, shared by its registries; thread-safe. */
    public static final class Known {
        private final Map<SeriesKey, Integer> ids = new ConcurrentHashMap<>();
        private final Map<Integer, SeriesKey> keys = new ConcurrentHashMap<>();
    }

    public int idFor(SeriesKey key) {
        Integer id = ids.get(key);
        if (id != null) {
            return id;
        }
        int found = handle.createQuery("SELECT id FROM series WHERE metric = :metric AND symbol = :symbol AND source = :source")
                .bindMethods(key).mapTo(Integer.class).findOne()
                .orElseGet(() -> create(key));
        ids.put(key, found);
        keys.put(found, key);
        return found;
    }

    private int create(SeriesKey key) {
        handle.createUpdate("INSERT INTO series (metric, symbol, source) VALUES (:metric, :symbol, :source) "
                        + "ON CONFLICT DO NOTHING")
                .bindMethods(key).execute();
        return handle.createQuery("SELECT id FROM series WHERE metric = :metric AND symbol = :symbol AND source = :source")
                .bindMethods(key).mapTo(Integer.class).one();
    }

    public SeriesKey keyOf(int id) {
        SeriesKey key = keys.get(id);
        if (key != null) {
            return key;
        }
        SeriesKey loaded = handle.createQuery("SELECT metric, symbol, source FROM series WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new SeriesKey(rs.getString(1), rs.getString(2), rs.getString(3)))
                .one();
        keys.put(id, loaded);
        return loaded;
    }

    @Override
    public void close() {
        handle.close();
    }
}
