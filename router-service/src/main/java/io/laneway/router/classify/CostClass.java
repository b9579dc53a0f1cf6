package io.laneway.router.classify;

/** How expensive a type's work is, declared in the type catalog. */
public enum CostClass {
    /** Cheap, short work: milliseconds of CPU or one downstream call. */
    LIGHT,
    /** CPU- or memory-intensive work that would starve light work if they shared a pool. */
    COMPUTE_INTENSIVE
}
