package cn.xuncha.registers;

import cn.xuncha.round.RoundUnits.UnitRef;

/**
 * Published when a unit's registers gain an entry a working paper may cite (or a talk is held), so
 * that the open working-paper task of the unit offers it at once: a Camunda Form's options are the
 * variables its task was created with.
 */
public record RegisterEntryRecorded(UnitRef unit) {
}
