package cn.xuncha.round;

import java.time.Instant;

/** A stored round: its identity and where it stands, without the plan's details. */
public record RoundRecord(
    long id, String businessKey, RoundStatus status, String createdBy, Instant createdAt, Instant approvedAt) {
}
