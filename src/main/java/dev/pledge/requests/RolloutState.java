package dev.pledge.requests;

/** Where one request stands in its Promise's rollout; the Promise's {@code status.rollout} counts these. */
public enum RolloutState { UP_TO_DATE, RUNNING, WAITING, FAILED }
