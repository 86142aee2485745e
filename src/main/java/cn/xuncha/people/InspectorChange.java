package cn.xuncha.people;

/** One logged change of a 人才库 entry: who, when (Beijing time, to the minute) and what. */
public record InspectorChange(String by, String at, String summary) {
}
