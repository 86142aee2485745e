package cn.xuncha.round;

import java.time.LocalDate;
import java.util.List;

/**
 * The round plan (巡察工作方案) that step 1 drafts, reviews and approves. {@code departments} are the
 * Camunda groups of the departments consulted by inquiry letter before the inspection (方案 四(二)1).
 * {@code kind} is the round's kind of inspection ({@link RoundKind}; {@link RoundKind#REGULAR} where none
 * is given, as in every plan made before kinds existed); a unit may be inspected in a kind of its own.
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
    List<String> departments,
    RoundKind kind) {

  public RoundPlan {
    kind = kind == null ? RoundKind.REGULAR : kind;
    teams = teams == null ? List.of() : List.copyOf(teams);
    units = units == null ? List.of() : List.copyOf(units);
    departments = departments == null ? List.of() : List.copyOf(departments);
  }

  public static RoundPlan blank() {
    return new RoundPlan(null, null, null, null, null, null, List.of(), List.of(), List.of(), null);
  }

  /** The team the plan assigns the unit to; the validator ensures there is one. */
  public Team teamOf(InspectedUnit unit) {
    return teams.stream().filter(team -> team.teamNo().equals(unit.teamNo())).findFirst().orElseThrow();
  }

  /** The day the team enters the unit: the unit's own (a batch of the round, 办法 第十四条) or the round's. */
  public LocalDate entryDateOf(InspectedUnit unit) {
    return unit.entryDate() == null ? entryDate : unit.entryDate();
  }

  /** The day the team withdraws from the unit: the unit's own or the round's. */
  public LocalDate withdrawalDateOf(InspectedUnit unit) {
    return unit.withdrawalDate() == null ? withdrawalDate : unit.withdrawalDate();
  }

  /** The kind of inspection the unit gets: its own, or the round's. */
  public RoundKind kindOf(InspectedUnit unit) {
    return unit.inspectionKind() == null ? kind : unit.inspectionKind();
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
   * An inspected party organisation (办法 第十一条) of a {@link UnitKind}. Only a kind that has
   * villages lists them ({@code villages}: all villages of the unit) and says how they are covered:
   * with {@link Coverage#NAMED} the team inspects {@code namedVillages}; with {@link Coverage#PARTIAL}
   * it inspects {@code initialVillages} villages and names {@code mobileVillages} more within 7 days
   * of entry. A unit without villages covers {@link Coverage#NONE}. A round inspects its units in
   * batches of about half a month each (办法 第十四条): {@code entryDate} and {@code withdrawalDate} are the
   * unit's own stay, null where it is the round's ({@link RoundPlan#entryDateOf}). {@code inspectionKind}
   * is the unit's own kind of inspection where the plan mixes kinds, null where it is the round's. A unit
   * inspected in {@link RoundKind#FOLLOW_UP} names in {@code followUp} the earlier round's unit whose
   * rectification it verifies; other units name none.
   */
  public record InspectedUnit(
      String name,
      UnitKind kind,
      Integer teamNo,
      String groupId,
      List<String> villages,
      Coverage coverage,
      List<String> namedVillages,
      Integer initialVillages,
      Integer mobileVillages,
      LocalDate entryDate,
      LocalDate withdrawalDate,
      RoundKind inspectionKind,
      FollowUp followUp) {

    public InspectedUnit {
      villages = villages == null ? List.of() : List.copyOf(villages);
      namedVillages = namedVillages == null ? List.of() : List.copyOf(namedVillages);
    }

    /** This unit with the stay {@code entry} to {@code withdrawal} (null: the round's). */
    public InspectedUnit withStay(LocalDate entry, LocalDate withdrawal) {
      return new InspectedUnit(name, kind, teamNo, groupId, villages, coverage, namedVillages, initialVillages, mobileVillages,
          entry, withdrawal, inspectionKind, followUp);
    }
  }

  /**
   * The unit of an earlier, approved round that a 巡察“回头看” follows up, as the office names it: the
   * round's name (十五届县委第二轮巡察) and the unit's (赵村镇党委).
   */
  public record FollowUp(String round, String unit) {

    /** The unit the office names, or null where it named neither the round nor the unit. */
    public static FollowUp of(String round, String unit) {
      return round == null && unit == null ? null : new FollowUp(round, unit);
    }

    @Override
    public String toString() {
      return "「" + round + "」中的「" + unit + "」";
    }
  }

  /** How the villages of a unit are covered in the round (方案 二(二)). */
  public enum Coverage {
    /** 覆盖辖区所有村级党组织 */
    ALL("全部村（社区）"),
    /** 直接巡察方案点名的村（社区），不再确定机动巡察村 */
    NAMED("巡察方案点名的村（社区）"),
    /** 先巡部分村，进驻后 7 日内再行确定机动巡察村 */
    PARTIAL("先巡部分村，进驻后再定机动巡察村"),
    /** 不巡察村（社区）；不辖村的单位都是这种 */
    NONE("不巡察村（社区）");

    private final String label;

    Coverage(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
