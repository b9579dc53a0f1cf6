package io.laneway.router.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.laneway.router.support.RouterIntegrationTest;
import io.laneway.router.support.Tokens;
import org.junit.jupiter.api.Test;

class BatchPublishTest extends RouterIntegrationTest {

    @Test
    void eachItemIsJudgedOnItsOwnAndOnlyAcceptedItemsAreWritten() throws Exception {
        long before = laneEndOffsets().values().stream().mapToLong(Long::longValue).sum();

        var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/messages:batch"))
                .header("Content-Type", "application/json").header("Authorization", Tokens.bearer("batcher"))
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"messages":[
                          {"type":"demo.greet","payload":{"name":"a"}},
                          {"type":"no.such.type","payload":{}},
                          {"type":"report.render","priority":"high","payload":{"reportId":"r","pages":1}},
                          {"type":"demo.greet","priority":"urgent","payload":{}},
                          {"payload":{}}
                        ]}"""))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(207);
        assertThat(response.body()).contains("\"accepted\":2", "\"rejected\":3")
                .contains("\"index\":1,\"status\":422").contains("\"index\":3,\"status\":400").contains("\"index\":4,\"status\":400")
                .contains("\"index\":2,\"status\":202");
        long after = laneEndOffsets().values().stream().mapToLong(Long::longValue).sum();
        assertThat(after - before).isEqualTo(2);
    }
}
