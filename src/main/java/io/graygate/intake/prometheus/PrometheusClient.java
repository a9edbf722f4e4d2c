package io.graygate.intake.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus's HTTP API, range queries only ({@code POST /api/v1/query_range}, form-encoded so long
 * queries fit). Every failure becomes a {@link PullException} saying what Prometheus or the network said.
 */
public final class PrometheusClient {
    // Timestamps are decimal seconds; as doubles their milliseconds could round to the neighbour.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final int BODY_EXCERPT = 300;

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    public PrometheusClient(String url, Duration timeout) {
        this.base = baseUri(url);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public String url() {
        return base.toString();
    }

    private static URI baseUri(String url) {
        try {
            URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("expected http://HOST:PORT");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new PullException("bad Prometheus URL '" + url + "': expected http://HOST:PORT");
        }
    }

    /** The series of {@code query} at {@code start}, {@code start + step}, ... up to {@code end}, both inclusive. */
    List<PromSeries> queryRange(String query, Instant start, Instant end, Duration step) {
        String form = "query=" + encode(query) + "&start=" + seconds(start) + "&end=" + seconds(end)
                + "&step=" + new BigDecimal(step.toMillis()).movePointLeft(3).toPlainString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/query_range"))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response = send(request);
        JsonNode body = parse(response);
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new PullException("Prometheus answered HTTP " + response.statusCode() + " "
                    + body.path("errorType").asText("error") + ": " + body.path("error").asText("(no message)"));
        }
        JsonNode data = body.path("data");
        if (!"matrix".equals(data.path("resultType").asText())) {
            throw new PullException("Prometheus answered a " + data.path("resultType").asText("missing")
                    + " result; a range query must give a matrix");
        }
        List<PromSeries> series = new ArrayList<>();
        for (JsonNode item : data.path("result")) {
            series.add(new PromSeries(labels(item.path("metric")), points(item.path("values"))));
        }
        return series;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new PullException("Prometheus at " + base + " did not answer within " + PromDurations.format(timeout), e);
        } catch (ConnectException e) {
            throw new PullException("cannot connect to Prometheus at " + base + ": " + describe(e), e);
        } catch (IOException e) {
            throw new PullException("talking to Prometheus at " + base + " failed: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PullException("interrupted while waiting for Prometheus at " + base, e);
        }
    }

    private static JsonNode parse(HttpResponse<String> response) {
        try {
            JsonNode node = JSON.readTree(response.body());
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JsonProcessingException e) {
            // not Prometheus's JSON (a proxy's error page, say): reported below with an excerpt
        }
        String body = response.body().strip();
        throw new PullException("Prometheus answered HTTP " + response.statusCode() + " without its JSON: "
                + (body.length() > BODY_EXCERPT ? body.substring(0, BODY_EXCERPT) + "..." : body));
    }

    private static Map<String, String> labels(JsonNode metric) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = metric.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            labels.put(field.getKey(), field.getValue().asText());
        }
        return labels;
    }

    private static List<PromSeries.Point> points(JsonNode values) {
        List<PromSeries.Point> points = new ArrayList<>(values.size());
        for (JsonNode pair : values) {
            long millis = pair.get(0).decimalValue().movePointRight(3)
                    .setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
            points.add(new PromSeries.Point(Instant.ofEpochMilli(millis), pair.get(1).asText()));
        }
        return points;
    }

    private static String seconds(Instant t) {
        return new BigDecimal(t.toEpochMilli()).movePointLeft(3).toPlainString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
