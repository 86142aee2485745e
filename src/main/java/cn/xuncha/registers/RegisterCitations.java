package cn.xuncha.registers;

import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.system.FormSubmission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The register entries a working paper (问题底稿, 方案 四(五)) rests on (issue 17 item 6): the
 * unit's petitions, held talks, file requests and assessments, each named by a value such as
 * {@code petition-3} and shown by a label the team recognises (信访件第 3 号：反映……). A paper may cite
 * only entries of its own unit: any other value is refused.
 */
@Component
public class RegisterCitations {

  private static final int SHOWN = 30;

  private final JdbcClient jdbc;
  private final PetitionRegister petitions;
  private final TalkRegister talks;
  private final FileRequestRegister files;
  private final AssessmentRegister assessments;

  RegisterCitations(JdbcClient jdbc, PetitionRegister petitions, TalkRegister talks, FileRequestRegister files,
      AssessmentRegister assessments) {
    this.jdbc = jdbc;
    this.petitions = petitions;
    this.talks = talks;
    this.files = files;
    this.assessments = assessments;
  }

  /** The entries of the unit a paper may cite, value → label, in the order of the registers. */
  public Map<String, String> citable(UnitRef unit) {
    Map<String, String> entries = new LinkedHashMap<>();
    petitions.list(unit).forEach(p -> entries.put("petition-" + p.id(), "信访件第 " + p.id() + " 号：" + shortened(p.content())));
    talks.list(unit).stream().filter(t -> t.heldOn() != null)
        .forEach(t -> entries.put("talk-" + t.id(), "个别谈话第 " + t.id() + " 号：" + t.post() + "，" + t.heldOn()));
    files.list(unit).forEach(f -> entries.put("file-" + f.id(), "调阅第 " + f.id() + " 号：" + shortened(f.description())));
    assessments.assessments(unit).forEach(a -> entries.put("assessment-" + a.id(), "民主测评第 " + a.id() + " 号：" + a.subject() + "，" + a.heldOn()));
    return entries;
  }

  /** The citations of {@code form}'s field {@code key}, each checked to be an entry of the unit; problems go to the form. */
  public List<String> read(FormSubmission form, String key, String label, UnitRef unit) {
    Map<String, String> citable = citable(unit);
    List<String> cited = form.selection(key, label);
    for (String value : cited) {
      form.requireThat(citable.containsKey(value), label + "：“" + value + "”不是" + unit.unit().name() + "的现场登记，只能引用本单位的登记");
    }
    return cited;
  }

  /** Stores that paper {@code paperId} cites the entries {@code cited} (values of {@link #citable}). */
  public void cite(long paperId, List<String> cited) {
    for (String value : cited) {
      int dash = value.lastIndexOf('-');
      jdbc.sql("insert into xc_paper_citation (paper_id, kind, entry_id) values (?, ?, ?)")
          .params(paperId, value.substring(0, dash), Long.parseLong(value.substring(dash + 1))).update();
    }
  }

  /** The labels of the entries paper {@code paperId} cites, in the order of the registers. */
  public List<String> citedBy(UnitRef unit, long paperId) {
    List<String> cited = jdbc.sql("select kind, entry_id from xc_paper_citation where paper_id = ?").param(paperId)
        .query((rs, row) -> rs.getString("kind") + "-" + rs.getLong("entry_id")).list();
    List<String> labels = new ArrayList<>();
    citable(unit).forEach((value, label) -> {
      if (cited.contains(value)) {
        labels.add(label);
      }
    });
    return labels;
  }

  private static String shortened(String text) {
    return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "……";
  }
}
