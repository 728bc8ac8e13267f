package dev.quell.http;

import dev.quell.engine.Integration;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.local.LocalBucketBuilder;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-integration request limits: a per-second and a per-minute token bucket, each from the integration or
 * else the server-wide default; 0 means unlimited.
 */
public final class RateLimits {
    private final int defaultPerSecond;
    private final int defaultPerMinute;
    private final Map<Long, Limiter> limiters = new ConcurrentHashMap<>();

    /** A bucket built for one pair of limits; rebuilt if the integration's limits change. */
    private record Limiter(int perSecond, int perMinute, Bucket bucket) {
    }

    public RateLimits(int defaultPerSecond, int defaultPerMinute) {
        this.defaultPerSecond = defaultPerSecond;
        this.defaultPerMinute = defaultPerMinute;
    }

    /** Takes one request's token: 0 if allowed, else the seconds to wait before the next one can pass. */
    public long tryAcquire(Integration integration) {
        int perSecond = integration.ratePerSecond() != null ? integration.ratePerSecond() : defaultPerSecond;
        int perMinute = integration.ratePerMinute() != null ? integration.ratePerMinute() : defaultPerMinute;
        if (perSecond == 0 && perMinute == 0) {
            return 0;
        }
        Limiter limiter = limiters.compute(integration.integrationId(), (id, current) ->
                current != null && current.perSecond() == perSecond && current.perMinute() == perMinute
                        ? current : new Limiter(perSecond, perMinute, bucket(perSecond, perMinute)));
        ConsumptionProbe probe = limiter.bucket().tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }

    private static Bucket bucket(int perSecond, int perMinute) {
        LocalBucketBuilder builder = Bucket.builder();
        if (perSecond > 0) {
            builder.addLimit(limit -> limit.capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)));
        }
        if (perMinute > 0) {
            builder.addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)));
        }
        return builder.build();
    }
}
