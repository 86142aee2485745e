package cn.xuncha.round;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The round of the 2022 work plan (procedure.md §4) with invented people and villages: the preset
 * the office can load into a new plan, and the teams and units of the demo accounts.
 */
public final class SampleRound {

  private static final RoundPlan PLAN = load();

  private SampleRound() {
  }

  public static RoundPlan plan() {
    return PLAN;
  }

  private static RoundPlan load() {
    try (InputStream in = SampleRound.class.getResourceAsStream("/round/sample-round.json")) {
      return JsonMapper.builder().addModule(new JavaTimeModule()).build().readValue(in, RoundPlan.class);
    } catch (IOException e) {
      throw new UncheckedIOException("The bundled sample round cannot be read", e);
    }
  }
}
