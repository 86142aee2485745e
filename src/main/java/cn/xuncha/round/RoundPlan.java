package cn.xuncha.round;

import java.time.LocalDate;
import java.util.List;

/**
 * The round plan (巡察工作方案) that step 1 drafts, reviews and approves. {@code departments} are the
 * Camunda groups of the departments consulted by inquiry letter before the inspection (方案 四(二)1).
 */
public record RoundPlan(
    String name,
    String term,
    Integer roundNo,
    LocalDate entryDate,
    LocalDate withdrawalDate,
    LocalDate planFilingDate,
    List<Team> teams,
    List<InspectedUnit> units,
    List<String> departments) {

  public RoundPlan {
    teams = teams == null ? List.of() : List.copyOf(teams);
    units = units == null ? List.of() : List.copyOf(units);
    departments = departments == null ? List.of() : List.copyOf(departments);
  }

  public static RoundPlan blank() {
    return new RoundPlan(null, null, null, null, null, null, List.of(), List.of(), List.of());
  }

  /** The team the plan assigns the unit to; the validator ensures there is one. */
  public Team teamOf(InspectedUnit unit) {
    return teams.stream().filter(team -> team.teamNo().equals(unit.teamNo())).findFirst().orElseThrow();
  }

  public List<InspectedUnit> unitsOf(Team team) {
    return units.stream().filter(unit -> unit.teamNo() != null && unit.teamNo() == team.teamNo()).toList();
  }

  /** 第N巡察组, led by one leader with deputies and members (方案 二(四)). */
  public record Team(Integer teamNo, String name, String leader, List<String> deputies, List<String> members) {

    public Team {
      deputies = deputies == null ? List.of() : List.copyOf(deputies);
      members = members == null ? List.of() : List.copyOf(members);
    }

    /** Everyone the plan names in the team: leader, deputies, members. */
    public List<String> people() {
      return java.util.stream.Stream.of(List.of(leader), deputies, members).flatMap(List::stream).toList();
    }

    /** The Camunda group whose members work this team's tasks. */
    public String groupId() {
      return "team" + teamNo;
    }
  }

  /**
   * A township party committee and its villages. With {@link Coverage#PARTIAL} the team inspects
   * {@code initialVillages} villages and names {@code mobileVillages} more within 7 days of entry.
   */
  public record InspectedUnit(
      String name,
      Integer teamNo,
      String groupId,
      List<String> villages,
      Coverage coverage,
      Integer initialVillages,
      Integer mobileVillages) {

    public InspectedUnit {
      villages = villages == null ? List.of() : List.copyOf(villages);
    }
  }

  public enum Coverage {
    /** 覆盖辖区所有村级党组织 */
    ALL,
    /** 先巡部分村，进驻后 7 日内再行确定机动巡察村 */
    PARTIAL
  }
}
