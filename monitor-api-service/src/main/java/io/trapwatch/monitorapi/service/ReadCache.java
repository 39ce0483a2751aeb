package io.trapwatch.monitorapi.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.trapwatch.monitorapi.config.ReadCacheConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answer bodies of the read API by request key, each kept with the read-model version it was read at and served only
 * while that version is the current one ({@link ReadModelVersion}); least recently used answers are dropped beyond
 * {@code max-entries} or {@code max-bytes}. One lock around a linked map: a lookup is a few hundred nanoseconds, far
 * below the queries it saves, and the lock is never held while an answer is computed (two threads missing the same
 * key both compute it; the newer version wins).
 */
@ApplicationScoped
public class ReadCache {

    /** A body computed from the read model. */
    @FunctionalInterface
    public interface Body {
        byte[] read() throws SQLException;
    }

    private record Entry(long version, byte[] body) {
    }

    private final ReadModelVersion versions;
    private final ReadCacheConfig config;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true);
    private long bytes;
    private final Counter hits;
    private final Counter misses;
    private final Counter evictions;
    private final Counter notModified;

    public ReadCache(ReadModelVersion versions, ReadCacheConfig config, MeterRegistry registry) {
        this.versions = versions;
        this.config = config;
        this.hits = Counter.builder("trapwatch.read.cache.hits").description("Read API answers served from the cache")
                .register(registry);
        this.misses = Counter.builder("trapwatch.read.cache.misses")
                .description("Read API answers read from the database (not cached, or cached at an older read-model version)")
                .register(registry);
        this.evictions = Counter.builder("trapwatch.read.cache.evictions")
                .description("Answers dropped from the cache to stay within its entry and byte limits").register(registry);
        this.notModified = Counter.builder("trapwatch.read.cache.not.modified")
                .description("Requests answered 304: the client's If-None-Match named the current answer (no body, no query)")
                .register(registry);
        Gauge.builder("trapwatch.read.cache.entries", this, ReadCache::size).description("Answers in the cache").register(registry);
        Gauge.builder("trapwatch.read.cache.bytes", this, ReadCache::bytes).description("Bytes of answer bodies in the cache")
                .register(registry);
    }

    /** The version answers are read at now: take it before the answer's queries. */
    public long version() {
        return versions.current();
    }

    /** The body for {@code key} at {@code version}: the cached one if it was read at this version, else read and kept. */
    public byte[] get(String key, long version, Body body) throws SQLException {
        synchronized (this) {
            Entry held = entries.get(key);
            if (held != null && held.version() == version) {
                hits.increment();
                return held.body();
            }
        }
        misses.increment();
        byte[] read = body.read();
        if (version >= 0) {
            keep(key, new Entry(version, read));
        }
        return read;
    }

    /** A request revalidated its copy and got 304. */
    public void notModified() {
        notModified.increment();
    }

    private synchronized void keep(String key, Entry entry) {
        if (entry.body().length > config.maxBytes() || config.maxEntries() == 0) {
            return;
        }
        Entry held = entries.get(key);
        if (held != null && held.version() > entry.version()) {
            return; // a slower reader of an older version must not replace a newer answer
        }
        Entry replaced = entries.put(key, entry);
        bytes += entry.body().length - (replaced == null ? 0 : replaced.body().length);
        Iterator<Map.Entry<String, Entry>> oldest = entries.entrySet().iterator();
        while (entries.size() > config.maxEntries() || bytes > config.maxBytes()) {
            bytes -= oldest.next().getValue().body().length;
            oldest.remove();
            evictions.increment();
        }
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long bytes() {
        return bytes;
    }
}
