package cn.xuncha.registers;

import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.round.RoundVariables;
import cn.xuncha.system.ChinaTime;
import java.time.LocalDate;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * The processes a register entry starts — a transferred petition's handling, a file request the
 * unit answers, a 立行立改 demand — started one way: business key {@code round/unit/kind-id}, the
 * unit's variables (round key, unit group, unit id), the entry's id in {@code idVariable}, and the
 * day its deadline counts from as a date at 00:00 Beijing time, which the deadline table reads. Who
 * may read the instance each process declares itself (its {@code accessGroups} property,
 * cn.xuncha.security.AccessGroupsPlugin) from these variables.
 */
@Component
class RegisterProcesses {

  private final RuntimeService runtime;

  RegisterProcesses(RuntimeService runtime) {
    this.runtime = runtime;
  }

  /** Starts {@code process} for the entry {@code id} of the unit. {@code variables} may hold {@link LocalDate}s, stored as dates. */
  void start(String process, UnitRef unit, String kind, String idVariable, long id, Map<String, Object> variables) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put(RoundVariables.ROUND_KEY, unit.roundKey());
    all.put(RoundVariables.UNIT_GROUP, unit.unit().groupId());
    all.put(RoundVariables.UNIT_ID, unit.unitId());
    all.put(idVariable, id);
    variables.forEach((name, value) -> all.put(name, value instanceof LocalDate day ? day(day) : value));
    runtime.startProcessInstanceByKey(process, businessKey(unit, kind, id), all);
  }

  /** Delivers {@code message} to the entry's instance when it still waits for it; nothing when it has moved on. */
  void tell(String message, UnitRef unit, String kind, long id) {
    runtime.createMessageCorrelation(message).processInstanceBusinessKey(businessKey(unit, kind, id)).correlateAllWithResult();
  }

  static String businessKey(UnitRef unit, String kind, long id) {
    return unit.roundKey() + "/" + unit.unit().groupId() + "/" + kind + "-" + id;
  }

  private static Date day(LocalDate day) {
    return Date.from(day.atStartOfDay(ChinaTime.ZONE).toInstant());
  }
}
