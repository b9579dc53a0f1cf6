package io.laneway.poolservice;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code laneway.pool.examples.*}: how the demo's simulated outside world behaves (the payment gateway, shipping, a
 * downstream HTTP service), so tests and benchmarks can make it decline, fail or answer slowly.
 *
 * @param downstreamUrl  the base URL {@code demo.call} calls (blank: the handler refuses its messages)
 * @param paymentGateway the simulated payment gateway
 * @param shipping       the simulated carrier
 */
@Validated
@ConfigurationProperties("laneway.pool.examples")
public record ExamplesProperties(String downstreamUrl, @Valid PaymentGateway paymentGateway, @Valid Shipping shipping) {

    public ExamplesProperties {
        downstreamUrl = downstreamUrl == null ? "" : downstreamUrl;
        paymentGateway = paymentGateway == null ? new PaymentGateway(null, 0.0, 0.0) : paymentGateway;
        shipping = shipping == null ? new Shipping(0.0) : shipping;
    }

    /**
     * @param latency     the gateway's response time
     * @param declineRate the share of orders declined (decided by order id, so a retry gets the same answer)
     * @param outageRate  the share of calls that fail as if the gateway were down (retried)
     */
    public record PaymentGateway(Duration latency, @DecimalMin("0") @DecimalMax("1") double declineRate,
                                 @DecimalMin("0") @DecimalMax("1") double outageRate) {

        public PaymentGateway {
            latency = latency == null ? Duration.ofMillis(5) : latency;
        }
    }

    /** @param failureRate the share of orders that cannot be shipped (decided by order id) */
    public record Shipping(@DecimalMin("0") @DecimalMax("1") double failureRate) {
    }
}
