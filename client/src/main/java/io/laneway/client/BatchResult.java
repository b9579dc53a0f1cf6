package io.laneway.client;

import java.util.List;

/** Each message of a batch, in order: accepted, or refused with the router's problem. */
public record BatchResult(List<Item> items) {

    /** @param accepted null when refused; @param problem null when accepted */
    public record Item(int index, Accepted accepted, LanewayProblem problem) {
    }

    public boolean allAccepted() {
        return items.stream().allMatch(item -> item.accepted() != null);
    }
}
