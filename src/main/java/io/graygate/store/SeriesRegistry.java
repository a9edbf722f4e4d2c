package io.graygate.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.HashMap;
import java.util.Map;

/**
 * Hands out the small integer id of each series, creating it on first sight. It runs on its own
 * connection because the ingest's connection is busy streaming COPY data; a series row is only a
 * dictionary entry, so committing it apart from the samples leaves nothing half-done.
 */
public final class SeriesRegistry implements AutoCloseable {
    private final Handle handle;
    private final Map<SeriesKey, Integer> ids = new HashMap<>();
    private final Map<Integer, SeriesKey> keys = new HashMap<>();

    public SeriesRegistry(Jdbi jdbi) {
        this.handle = jdbi.open();
    }

    public int idFor(SeriesKey key) {
        Integer id = ids.get(key);
        if (id != null) {
            return id;
        }
        handle.createUpdate("INSERT INTO series (metric, symbol, source) VALUES (:metric, :symbol, :source) "
                        + "ON CONFLICT DO NOTHING")
                .bindMethods(key).execute();
        int created = handle.createQuery("SELECT id FROM series WHERE metric = :metric AND symbol = :symbol AND source = :source")
                .bindMethods(key).mapTo(Integer.class).one();
        ids.put(key, created);
        keys.put(created, key);
        return created;
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
