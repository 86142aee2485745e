package cn.xuncha.round;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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

  /** This plan with other teams. */
  public RoundPlan withTeams(List<Team> teams) {
    return new RoundPlan(name, term, roundNo, entryDate, withdrawalDate, planFilingDate, teams, units, departments, kind);
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

  /**
   * 第N巡察组 of this round (方案 二(四), 实施办法 第八条), formed from the 巡察工作人才库: the leader,
   * deputy leaders, members and the liaison (联络员) are pool accounts. {@code exemptions} are the
   * 回避 exceptions the office records with the plan, approved with it by the leading group.
   * {@code groupId} is the Camunda group of this round's team ({@link #groupIdOf}); null in a plan not
   * yet stored. {@code names} maps the accounts to the names they had in the pool when the plan was
   * stored (what documents and forms print). Rounds stored before teams were formed from the pool hold
   * names where accounts are now, and the global group {@code team<N>}.
   */
  public record Team(Integer teamNo, String name, String leader, List<String> deputies, List<String> members, String liaison,
                     List<Exemption> exemptions, String groupId, Map<String, String> names) {

    /** The longest group id Camunda stores (ACT_ID_GROUP.ID_). */
    static final int MAX_GROUP_ID = 64;

    public Team {
      deputies = deputies == null ? List.of() : List.copyOf(deputies);
      members = members == null ? List.of() : List.copyOf(members);
      exemptions = exemptions == null ? List.of() : List.copyOf(exemptions);
      names = names == null ? Map.of() : Map.copyOf(names);
    }

    /** A team of people only, as a plan form or sheet gives it before it is stored. */
    public Team(Integer teamNo, String name, String leader, List<String> deputies, List<String> members, String liaison,
                List<Exemption> exemptions) {
      this(teamNo, name, leader, deputies, members, liaison, exemptions, null, null);
    }

    /** Everyone in the team: leader, deputies, members, liaison, each once in the order the plan lists them. */
    public List<String> people() {
      return Stream.of(Stream.ofNullable(leader), deputies.stream(), members.stream(), Stream.ofNullable(liaison))
          .flatMap(s -> s).filter(person -> person != null && !person.isBlank()).distinct().toList();
    }

    /** The person's name as the pool had it when the plan was stored; the account itself when unknown. */
    public String nameOf(String account) {
      return names.getOrDefault(account, account);
    }

    /** The names of these accounts ({@link #nameOf}), in their order. */
    public List<String> namesOf(List<String> accounts) {
      return accounts.stream().map(this::nameOf).toList();
    }

    /** This team with its group and the people's names, as it is stored. */
    public Team stored(String groupId, Map<String, String> names) {
      return new Team(teamNo, name, leader, deputies, members, liaison, exemptions, groupId, names);
    }

    /**
     * The group of team {@code teamNo} of the round {@code roundKey}: {@code team<N>-<roundKey>}, so
     * that 第一巡察组 of two rounds are two groups. A key too long for {@value #MAX_GROUP_ID}
     * characters is shortened and given a hash of the whole key, which keeps ids of different rounds apart.
     */
    public static String groupIdOf(String roundKey, int teamNo) {
      String prefix = "team" + teamNo + "-";
      if (prefix.length() + roundKey.length() <= MAX_GROUP_ID) {
        return prefix + roundKey;
      }
      String hash = "%08x".formatted(roundKey.hashCode());
      return prefix + roundKey.substring(0, MAX_GROUP_ID - prefix.length() - hash.length() - 1) + "-" + hash;
    }
  }

  /** A 回避 exception the office records: {@code person} may inspect {@code unit} for {@code reason}. */
  public record Exemption(String person, String unit, String reason) {
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
