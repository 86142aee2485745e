package cn.xuncha.documents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Titles longer than a line break where a reader expects them, never leaving a character alone. */
class DocxWriterTest {

  @Test
  void aTitleBreaksBefore关于Or进驻WhereTheLinesAreMostEven() {
    assertThat(DocxWriter.titleLines("县委第二巡察组关于巡察张店乡党委情况的报告", 20))
        .containsExactly("县委第二巡察组", "关于巡察张店乡党委情况的报告");
    assertThat(DocxWriter.titleLines("关于十五届县委第二轮巡察进驻张店乡党委的通知", 20))
        .containsExactly("关于十五届县委第二轮巡察", "进驻张店乡党委的通知");
    assertThat(DocxWriter.titleLines("张店乡党委巡察反馈问题整改台账", 20)).containsExactly("张店乡党委巡察反馈问题整改台账");
  }

  @Test
  void withoutSuchAPlaceIntoLinesOfEqualLength() {
    assertThat(DocxWriter.titleLines("县委第二巡察组对张店乡党委开展巡察情况综合报告", 20))
        .extracting(String::length).containsExactly(12, 11);
  }
}
