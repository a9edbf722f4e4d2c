package io.graygate.reporting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.graygate.platform.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One tab of a headless chromium, driven over the Chrome DevTools protocol (JSON over a WebSocket): load a URL,
 * fill and submit a form, read the DOM, take a screenshot, and collect what the page logged (console messages,
 * uncaught exceptions, and the browser's own log above verbose: failed loads, refused content).
 */
public final class DevToolsBrowser implements AutoCloseable {
    private static final long WAIT_SECONDS = 60;
    private static final int MIN_HEIGHT = 600;

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> logged = new CopyOnWriteArrayList<>();

    private DevToolsBrowser(Process process, Path profile, WebSocket.Builder builder, URI page)
            throws InterruptedException, IOException {
        this.process = process;
        this.profile = profile;
        this.socket = await(builder.buildAsync(page, new Listener()));
        send("Page.enable", Json.MAPPER.createObjectNode());
        send("Runtime.enable", Json.MAPPER.createObjectNode());
        send("Log.enable", Json.MAPPER.createObjectNode());
    }

    /** Waits for the browser to publish its DevTools port (in the profile), then connects to its blank tab. */
    static DevToolsBrowser attach(Process process, Path profile, Path stderr) throws IOException, InterruptedException {
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("chromium published no DevTools port: " + Files.readString(stderr));
            }
            Thread.sleep(50);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
        HttpClient http = HttpClient.newHttpClient();
        JsonNode targets = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode target : targets) {
            if (target.path("type").asText().equals("page")) {
                return new DevToolsBrowser(process, profile, http.newWebSocketBuilder(),
                        URI.create(target.get("webSocketDebuggerUrl").asText()));
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("chromium has no page target: " + targets);
    }

    /** Loads the URL and waits until the document has loaded. */
    public void open(String url) throws IOException, InterruptedException {
        ObjectNode params = Json.MAPPER.createObjectNode().put("url", url);
        JsonNode result = send("Page.navigate", params);
        if (result.hasNonNull("errorText")) {
            throw new IllegalStateException("cannot load " + url + ": " + result.get("errorText").asText());
        }
        waitUntil("document.readyState === 'complete' && location.href.startsWith(" + Json.write(url) + ")");
    }

    /** Runs a JavaScript expression in the page; its value as JSON. */
    public JsonNode evaluate(String expression) throws IOException, InterruptedException {
        ObjectNode params = Json.MAPPER.createObjectNode().put("expression", expression).put("returnByValue", true);
        JsonNode result = send("Runtime.evaluate", params);
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("script failed: " + expression + ": " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Waits until the expression is true in the page (across navigations, which briefly have no document). */
    public void waitUntil(String expression) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            try {
                if (evaluate("!!(" + expression + ")").asBoolean()) {
                    return;
                }
            } catch (IllegalStateException navigating) {
                // the old document is gone and the new one not there yet; ask again
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the page never satisfied " + expression + " within " + WAIT_SECONDS + " s; it shows "
                + evaluate("location.href + ': ' + (document.body ? document.body.innerText.slice(0, 500) : '')")
                + "; logged " + logged);
    }

    /** The whole page (not only the window) as a PNG, at the given width. */
    public void screenshot(Path png, int width) throws IOException, InterruptedException {
        viewport(width, MIN_HEIGHT);   // lay out at the width first: the page's height depends on it
        viewport(width, Math.max(MIN_HEIGHT, evaluate("Math.ceil(document.documentElement.scrollHeight)").asInt()));
        JsonNode shot = send("Page.captureScreenshot", Json.MAPPER.createObjectNode().put("format", "png"));
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(shot.get("data").asText()));
    }

    private void viewport(int width, int height) throws IOException, InterruptedException {
        send("Emulation.setDeviceMetricsOverride", Json.MAPPER.createObjectNode().put("width", width)
                .put("height", height).put("deviceScaleFactor", 1).put("mobile", false));
    }

    /** Everything the page and the browser logged so far: console calls, uncaught exceptions, log entries. */
    public List<String> logged() {
        return List.copyOf(logged);
    }

    private JsonNode send(String method, ObjectNode params) throws IOException, InterruptedException {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ObjectNode message = Json.MAPPER.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        await(socket.sendText(Json.write(message), true));
        JsonNode answer = await(reply);
        if (answer.has("error")) {
            throw new IllegalStateException(method + " failed: " + answer.get("error"));
        }
        return answer.path("result");
    }

    private static <T> T await(CompletionStage<T> stage) throws InterruptedException, IOException {
        try {
            return stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("DevTools connection failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("chromium did not answer within " + WAIT_SECONDS + " s", e);
        }
    }

    private void received(JsonNode message) {
        if (message.has("id")) {
            CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
            if (reply != null) {
                reply.complete(message);
            }
            return;
        }
        JsonNode params = message.path("params");
        switch (message.path("method").asText()) {
            case "Runtime.consoleAPICalled" -> logged.add("console." + params.path("type").asText() + ": " + params.path("args"));
            case "Runtime.exceptionThrown" -> logged.add("exception: " + params.path("exceptionDetails"));
            case "Log.entryAdded" -> {
                if (!params.path("entry").path("level").asText().equals("verbose")) {   // hints such as "[DOM] Password forms should..."
                    logged.add("log " + params.path("entry").path("level").asText() + ": "
                            + params.path("entry").path("text").asText() + " " + params.path("entry").path("url").asText());
                }
            }
            default -> { }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received(Json.MAPPER.readTree(partial.toString()));
                } catch (IOException e) {
                    logged.add("unreadable DevTools message: " + e.getMessage());
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            socket.sendText("{\"id\":" + ids.incrementAndGet() + ",\"method\":\"Browser.close\"}", true);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } finally {
            process.destroyForcibly();
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
