package io.laneway.router.classify;

import java.time.Duration;

import io.laneway.contracts.envelope.Lane;
import io.laneway.contracts.envelope.Priority;
import org.springframework.stereotype.Component;

/** Feeds the pure {@link LaneClassifier} with the best duration estimate: learned p95, else the catalog's. */
@Component
public class LaneRouter {

    private final LaneClassifier classifier;
    private final DurationLearner learner;

    public LaneRouter(TypeCatalog catalog, DurationLearner learner) {
        this.classifier = new LaneClassifier(catalog.longRunningThreshold());
        this.learner = learner;
    }

    public Lane laneFor(String type, Priority priority, TypeCatalog.TypeSpec spec) {
        Duration expected = learner.p95(type).orElse(spec.expectedDuration());
        return classifier.classify(priority, spec.costClass(), expected);
    }
}
