package io.cell0.model.codec;

import io.cell0.model.AgentState;
import io.cell0.model.NodeRole;
import io.cell0.model.NodeStatus;
import io.cell0.model.RuntimePhase;
import io.cell0.model.command.RejectReason;

/**
 * Stable byte codes for enums. Never {@code ordinal()}: reordering or inserting an enum constant must
 * not change the meaning of bytes already in a log or snapshot.
 */
final class Codes {
    private Codes() {
    }

    static int of(NodeRole r) {
        return switch (r) {
            case VOTER -> 1;
            case OBSERVER -> 2;
            case EDGE -> 3;
        };
    }

    static NodeRole nodeRole(int code) {
        return switch (code) {
            case 1 -> NodeRole.VOTER;
            case 2 -> NodeRole.OBSERVER;
            case 3 -> NodeRole.EDGE;
            default -> throw unknown("node role", code);
        };
    }

    static int of(NodeStatus s) {
        return switch (s) {
            case HEALTHY -> 1;
            case SUSPECT -> 2;
            case DOWN -> 3;
            case LEFT -> 4;
        };
    }

    static NodeStatus nodeStatus(int code) {
        return switch (code) {
            case 1 -> NodeStatus.HEALTHY;
            case 2 -> NodeStatus.SUSPECT;
            case 3 -> NodeStatus.DOWN;
            case 4 -> NodeStatus.LEFT;
            default -> throw unknown("node status", code);
        };
    }

    static int of(AgentState s) {
        return switch (s) {
            case PENDING -> 1;
            case RUNNING -> 2;
            case MIGRATING -> 3;
            case FAILED -> 4;
        };
    }

    static AgentState agentState(int code) {
        return switch (code) {
            case 1 -> AgentState.PENDING;
            case 2 -> AgentState.RUNNING;
            case 3 -> AgentState.MIGRATING;
            case 4 -> AgentState.FAILED;
            default -> throw unknown("agent state", code);
        };
    }

    static int of(RuntimePhase p) {
        return switch (p) {
            case STARTING -> 1;
            case RUNNING -> 2;
            case EXITED -> 3;
            case FAILED -> 4;
            case STOPPED -> 5;
        };
    }

    static RuntimePhase runtimePhase(int code) {
        return switch (code) {
            case 1 -> RuntimePhase.STARTING;
            case 2 -> RuntimePhase.RUNNING;
            case 3 -> RuntimePhase.EXITED;
            case 4 -> RuntimePhase.FAILED;
            case 5 -> RuntimePhase.STOPPED;
            default -> throw unknown("runtime phase", code);
        };
    }

    /** 0 is reserved for "accepted" (no reason). */
    static int of(RejectReason r) {
        return switch (r) {
            case UNKNOWN_NODE -> 1;
            case NODE_NOT_ACTIVE -> 2;
            case DUPLICATE_NODE -> 3;
            case UNKNOWN_AGENT -> 4;
            case DUPLICATE_AGENT -> 5;
            case UNKNOWN_ALLOCATION -> 6;
            case DUPLICATE_ALLOCATION -> 7;
            case INSUFFICIENT_CAPACITY -> 8;
            case VERSION_MISMATCH -> 9;
            case INVALID -> 10;
            case STALE_TERM -> 11;
        };
    }

    static RejectReason rejectReason(int code) {
        return switch (code) {
            case 1 -> RejectReason.UNKNOWN_NODE;
            case 2 -> RejectReason.NODE_NOT_ACTIVE;
            case 3 -> RejectReason.DUPLICATE_NODE;
            case 4 -> RejectReason.UNKNOWN_AGENT;
            case 5 -> RejectReason.DUPLICATE_AGENT;
            case 6 -> RejectReason.UNKNOWN_ALLOCATION;
            case 7 -> RejectReason.DUPLICATE_ALLOCATION;
            case 8 -> RejectReason.INSUFFICIENT_CAPACITY;
            case 9 -> RejectReason.VERSION_MISMATCH;
            case 10 -> RejectReason.INVALID;
            case 11 -> RejectReason.STALE_TERM;
            default -> throw unknown("reject reason", code);
        };
    }

    private static CodecException unknown(String what, int code) {
        return new CodecException("unknown " + what + " code " + code);
    }
}
