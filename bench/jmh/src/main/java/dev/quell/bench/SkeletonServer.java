package dev.quell.bench;

import dev.quell.config.NetworkTransport;
import dev.quell.http.Envelope;
import dev.quell.http.QuellServer;
import dev.quell.http.RequestIds;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Quell's push path with Quell's work taken out, to tell what the design costs from what Quell's own code costs
 * (bench/skeleton-load.sh). It keeps the threads and hand-offs of the server: one Vert.x event loop and HTTP server
 * per core, the body read into a buffer, a bounded queue to one writer thread that takes it in batches, and, in
 * {@code fsync}, a second thread that syncs each batch's file write before the answers go back to the event loops.
 * What it leaves out is everything between: no decoding, no engine, no SQLite, an answer built without Jackson.
 *
 * <p>Stages, each a run of its own: {@code answer} (the event loop answers at once), {@code handoff} (through the
 * writer, which answers each batch at once), {@code fsync} (the writer appends each batch's bodies to a file; the
 * sync thread runs {@code fdatasync} and then answers, as {@code --sync full} does, while the writer's next batch
 * grows to the size of what is being synced) and {@code writerFsync} (the writer
 * syncs each batch itself before answering it: one hand-off fewer, Quell's design before the sync thread).
 */
public final class SkeletonServer {
    private static final int QUEUE_CAPACITY = 20_000;
    private static final int MAX_BATCH = 2_000;
    /**
     * The log is written over from its start once it reaches this size, as SQLite's WAL is after a checkpoint (1,000
     * pages of 4 KiB by default): a file that only grew would make every sync commit its new size to the journal too.
     */
    private static final long LOG_WRAP_BYTES = 4L * 1024 * 1024;
    /** As {@code ShardWriter}: how long the writer waits at a time for more requests while a sync runs. */
    private static final long FILL_WAIT_NANOS = 200_000;

    private final Stage stage;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final BlockingQueue<List<Pending>> written = new LinkedBlockingQueue<>();
    /** Requests written but not yet answered: the batches being synced or waiting for it. */
    private final AtomicInteger unanswered = new AtomicInteger();
    private Thread writer;
    private final RequestIds requestIds = new RequestIds();
    private final FileChannel log;
    private long logPosition;

    enum Stage { answer, handoff, fsync, writerFsync }

    /** One request waiting for the writer: its body, and the future its event loop answers on. */
    private record Pending(byte[] body, CompletableFuture<Void> done) {
    }

    private SkeletonServer(Stage stage, Path logFile) throws IOException {
        this.stage = stage;
        this.log = FileChannel.open(logFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: SkeletonServer answer|handoff|fsync|writerFsync PORT LOG_FILE");
            System.exit(2);
        }
        SkeletonServer server = new SkeletonServer(Stage.valueOf(args[0]), Path.of(args[2]));
        server.startThreads();
        server.listen(Integer.parseInt(args[1]));
        System.out.println("skeleton " + server.stage + " listening on 127.0.0.1:" + args[1]);
    }

    private void startThreads() {
        if (stage == Stage.answer) {
            return;
        }
        writer = new Thread(this::writeBatches, "skeleton-writer");
        writer.setDaemon(true);
        writer.start();
        if (stage == Stage.fsync) {
            Thread sync = new Thread(this::syncBatches, "skeleton-sync");
            sync.setDaemon(true);
            sync.start();
        }
    }

    private void listen(int port) {
        int eventLoops = Math.max(1, Runtime.getRuntime().availableProcessors());
        // As ./quell serve reads it: the skeleton measures the transport Quell would run on.
        NetworkTransport transport = NetworkTransport.fromFlag(System.getenv().getOrDefault("QUELL_TRANSPORT", "auto"));
        Vertx vertx = QuellServer.vertxOn(transport, new VertxOptions().setEventLoopPoolSize(eventLoops));
        System.out.println("skeleton on " + (vertx.isNativeTransportEnabled() ? "io_uring" : "nio"));
        for (int i = 0; i < eventLoops; i++) {
            vertx.deployVerticle(new VerticleBase() {
                @Override
                public Future<?> start() {
                    return vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(false))
                            .requestHandler(SkeletonServer.this::handle)
                            .listen(port, "127.0.0.1");
                }
            }).await();
        }
    }

    private void handle(HttpServerRequest request) {
        Buffer body = Buffer.buffer(512);
        request.handler(body::appendBuffer);
        request.endHandler(end -> {
            if (stage == Stage.answer) {
                answer(request);
                return;
            }
            CompletableFuture<Void> done = new CompletableFuture<>();
            if (!queue.offer(new Pending(body.getBytes(), done))) {
                request.response().setStatusCode(429).end();
                return;
            }
            Future.fromCompletionStage(done, Vertx.currentContext()).onComplete(result -> answer(request));
        });
    }

    private void answer(HttpServerRequest request) {
        String requestId = requestIds.next();
        request.response()
                .putHeader(Envelope.REQUEST_ID_HEADER, requestId)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end("{\"request_id\":\"" + requestId + "\",\"data\":{\"alert_key\":\"skeleton\"}}");
    }

    private void writeBatches() {
        while (true) {
            List<Pending> batch = new ArrayList<>();
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            switch (stage) {
                case handoff -> answerAll(batch);
                case fsync -> {
                    fillWhileSyncing(batch);
                    append(batch);
                    unanswered.addAndGet(batch.size());
                    written.add(batch);
                }
                case writerFsync -> {
                    append(batch);
                    sync();
                    answerAll(batch);
                }
                default -> throw new IllegalStateException("no writer in stage " + stage);
            }
        }
    }

    /**
     * Quell's writer lets its next batch grow, while a sync runs, to the size of what is being synced
     * ({@code ShardWriter.SyncedAnswers.fillWhileSyncing}); without it this stage would write a batch of one or two
     * requests after every sync began and measure a design Quell does not have.
     */
    private void fillWhileSyncing(List<Pending> batch) {
        while (batch.size() < MAX_BATCH && batch.size() < unanswered.get()) {
            LockSupport.parkNanos(this, FILL_WAIT_NANOS);
            queue.drainTo(batch, MAX_BATCH - batch.size());
        }
    }

    private void append(List<Pending> batch) {
        int bytes = 0;
        for (Pending pending : batch) {
            bytes += pending.body().length;
        }
        ByteBuffer out = ByteBuffer.allocate(bytes);
        batch.forEach(pending -> out.put(pending.body()));
        out.flip();
        if (logPosition + bytes > LOG_WRAP_BYTES) {
            logPosition = 0;
        }
        try {
            while (out.hasRemaining()) {
                logPosition += log.write(out, logPosition);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void syncBatches() {
        List<List<Pending>> round = new ArrayList<>();
        while (true) {
            try {
                round.add(written.take());
            } catch (InterruptedException e) {
                return;
            }
            written.drainTo(round);
            sync();
            round.forEach(SkeletonServer::answerAll);
            unanswered.addAndGet(-round.stream().mapToInt(List::size).sum());
            LockSupport.unpark(writer);
            round.clear();
        }
    }

    private void sync() {
        try {
            log.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void answerAll(List<Pending> batch) {
        batch.forEach(pending -> pending.done().complete(null));
    }
}
