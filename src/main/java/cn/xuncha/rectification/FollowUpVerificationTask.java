package cn.xuncha.rectification;

import cn.xuncha.rectification.FollowUpChecks.Check;
import cn.xuncha.rectification.FollowUpChecks.Result;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.system.Actors;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.FormTask;
import cn.xuncha.system.FormValues;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * 回头看：核查原整改事项 (step 6 of a unit inspected in 巡察“回头看”): the team sees every item of the
 * rectification ledger of the earlier round's unit and records for each whether it is 整改到位, 基本到位
 * or 未到位; a note is required unless it is 整改到位. Every item needs a result; an item of another
 * ledger is refused.
 */
@Component("followUpVerification")
class FollowUpVerificationTask extends FormTask {

  static final String ITEMS = "items";

  private final FollowUpChecks verification;
  private final RoundUnits rounds;
  private final Clock clock;

  FollowUpVerificationTask(FollowUpChecks verification, RoundUnits rounds, Clock clock) {
    this.verification = verification;
    this.rounds = rounds;
    this.clock = clock;
  }

  @Override
  protected Map<String, Object> show(DelegateTask task) {
    List<Map<String, Object>> items = verification.checks(rounds.unitOf(task)).stream().map(check -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("itemId", String.valueOf(check.itemId()));
      row.put("problem", check.problem());
      row.put("measure", check.measure() + "（时限 " + check.deadline() + "）");
      row.put("result", check.result() == null ? null : check.result().name());
      row.put("note", check.note());
      return row;
    }).toList();
    return Map.of(ITEMS, FormValues.json(items));
  }

  @Override
  protected void submit(DelegateTask task, FormSubmission form) {
    UnitRef unit = rounds.unitOf(task);
    Set<Long> ledger = verification.checks(unit).stream().map(Check::itemId).collect(Collectors.toSet());
    Map<Long, Check> results = new LinkedHashMap<>();
    int row = 0;
    for (JsonNode node : form.list(ITEMS, "原整改事项")) {
      row++;
      String label = "原整改事项第 " + row + " 项";
      String id = FormValues.text(node.path("itemId"));
      Long itemId = id != null && id.matches("\\d{1,18}") ? Long.valueOf(id) : null;
      if (itemId == null || !ledger.contains(itemId)) {
        form.problem(label + "：不是原被巡察党组织整改台账中的事项");
        continue;
      }
      Result result = Result.of(FormValues.text(node.path("result"))).orElse(null);
      String note = FormValues.text(node.path("note"));
      if (result == null) {
        form.problem(label + "：请选择核查结果（" + Arrays.stream(Result.values()).map(Result::label).collect(Collectors.joining("、")) + "）");
      } else if (result != Result.DONE && note == null) {
        form.problem(label + "：核查结果为“" + result.label() + "”，请说明情况");
      }
      form.requireThat(note == null || note.length() <= 2000, label + "：说明过长（最多 2000 字）");
      if (results.put(itemId, new Check(itemId, null, null, null, null, result, note, null, null)) != null) {
        form.problem(label + "：同一事项列了两次");
      }
    }
    form.requireThat(results.keySet().containsAll(ledger), "原整改事项：每一项都须记录核查结果，还缺 "
        + ledger.stream().filter(id -> !results.containsKey(id)).count() + " 项");
    form.check();
    verification.record(unit, results, Actors.of(task), clock.instant());
  }
}
