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
 * while that version is the current one ({@link ReadModelVersion}); bounded by {@code max-entries} and
 * {@code max-bytes}. Segmented LRU: a new answer starts on probation, a hit moves it to the protected segment (at most
 * 80 % of the limits; its least recently used answers go back to probation), and answers leave from the end of
 * probation first. Reads that come once (a detail, a rare filter) therefore only push each other out, not the answers
 * asked for again and again, and an answer whose version moved is replaced in the segment it is in. One lock around
 * linked maps: a lookup is a few hundred nanoseconds, far below the queries it saves, and the lock is never held while
 * an answer is computed (two threads missing the same key both compute it; the newer version wins).
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

    /** Answers in order of use, least recent first, and the bytes of their bodies. */
    private static final class Segment {
        final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true);
        long bytes;

        Entry put(String key, Entry entry) {
            Entry replaced = entries.put(key, entry);
            bytes += entry.body().length - (replaced == null ? 0 : replaced.body().length);
            return replaced;
        }

        Entry remove(String key) {
            Entry removed = entries.remove(key);
            bytes -= removed == null ? 0 : removed.body().length;
            return removed;
        }

        /** Removes the least recently used answer and returns it as a map entry. */
        Map.Entry<String, Entry> removeOldest() {
            Iterator<Map.Entry<String, Entry>> oldest = entries.entrySet().iterator();
            Map.Entry<String, Entry> e = oldest.next();
            oldest.remove();
            bytes -= e.getValue().body().length;
            return e;
        }
    }

    private final ReadModelVersion versions;
    private final ReadCacheConfig config;
    private final Segment probation = new Segment();
    private final Segment protectedAnswers = new Segment();
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
        byte[] held = held(key, version);
        if (held != null) {
            hits.increment();
            return held;
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

    private synchronized byte[] held(String key, long version) {
        Entry entry = protectedAnswers.entries.get(key);
        if (entry == null) {
            entry = probation.entries.get(key);
            if (entry != null && entry.version() == version) {
                protectedAnswers.put(key, probation.remove(key)); // asked for again: protected
                demoteBeyondShare();
            }
        }
        return entry != null && entry.version() == version ? entry.body() : null;
    }

    private synchronized void keep(String key, Entry entry) {
        if (entry.body().length > config.maxBytes() || config.maxEntries() == 0) {
            return;
        }
        Segment segment = protectedAnswers.entries.containsKey(key) ? protectedAnswers : probation;
        Entry held = segment.entries.get(key);
        if (held != null && held.version() > entry.version()) {
            return; // a slower reader of an older version must not replace a newer answer
        }
        segment.put(key, entry);
        demoteBeyondShare();
        while (probation.entries.size() + protectedAnswers.entries.size() > config.maxEntries()
                || probation.bytes + protectedAnswers.bytes > config.maxBytes()) {
            (probation.entries.isEmpty() ? protectedAnswers : probation).removeOldest();
            evictions.increment();
        }
    }

    /** Keeps the protected segment within 80 % of the limits, moving its least recently used answers to probation. */
    private void demoteBeyondShare() {
        while (protectedAnswers.entries.size() > config.maxEntries() * 4L / 5 || protectedAnswers.bytes > config.maxBytes() * 4 / 5) {
            Map.Entry<String, Entry> demoted = protectedAnswers.removeOldest();
            probation.put(demoted.getKey(), demoted.getValue());
        }
    }

    synchronized int size() {
        return probation.entries.size() + protectedAnswers.entries.size();
    }

    synchronized long bytes() {
        return probation.bytes + protectedAnswers.bytes;
    }
}
