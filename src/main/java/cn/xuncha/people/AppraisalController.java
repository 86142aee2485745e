package cn.xuncha.people;

import cn.xuncha.people.Appraisal.Appraiser;
import cn.xuncha.people.AppraisalService.Entry;
import cn.xuncha.people.AppraisalService.Member;
import cn.xuncha.people.AppraisalService.TeamRef;
import cn.xuncha.security.Roles;
import cn.xuncha.system.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The appraisal pages (issue 13 item 6): {@code /people/appraisals} lists the teams the user may
 * appraise (the office: all teams of approved rounds; a leader: the teams they lead), and
 * {@code /people/appraisals/{roundKey}/{teamNo}} shows and records one team's appraisals. Others get
 * 403, an unknown round or team 404, both in Chinese; form fields are {@code grade.<account>} and
 * {@code remark.<account>}.
 */
@Controller
class AppraisalController {

  static final String PAGE = "/people/appraisals";
  /** Form fields {@code grade.<account>} and {@code remark.<account>} of appraisal.ftlh. */
  private static final String GRADE = "grade.";
  private static final String REMARK = "remark.";
  private static final List<String> OFFICE = List.of(Roles.OFFICE, Roles.ADMIN);

  private final AppraisalService appraisals;

  AppraisalController(AppraisalService appraisals) {
    this.appraisals = appraisals;
  }

  @GetMapping(PAGE)
  String list(Authentication user, Model model) {
    boolean office = isOffice(user);
    List<TeamRef> teams = appraisals.teamsFor(user.getName(), office);
    if (!office && teams.isEmpty()) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "只有巡察办和巡察组组长可以评价巡察干部");
    }
    model.addAttribute("teams", teams);
    return "appraisals";
  }

  @GetMapping(PAGE + "/{roundKey}/{teamNo}")
  String show(@PathVariable String roundKey, @PathVariable int teamNo, Authentication user, Model model) {
    TeamRef team = team(roundKey, teamNo);
    return form(model, team, appraiser(team, user), Map.of());
  }

  @PostMapping(PAGE + "/{roundKey}/{teamNo}")
  String record(@PathVariable String roundKey, @PathVariable int teamNo, @RequestParam Map<String, String> fields,
      Authentication user, Model model, RedirectAttributes redirect) {
    TeamRef team = team(roundKey, teamNo);
    Appraiser appraiser = appraiser(team, user);
    List<Entry> entries = fields.keySet().stream()
        .map(field -> field.startsWith(GRADE) ? field.substring(GRADE.length()) : field.startsWith(REMARK) ? field.substring(REMARK.length()) : null)
        .filter(account -> account != null).distinct()
        .map(account -> new Entry(account, fields.get(GRADE + account), fields.get(REMARK + account))).toList();
    try {
      appraisals.record(team, appraiser, entries, user.getName());
    } catch (InvalidInputException refused) {
      model.addAttribute("problems", refused.problems());
      return form(model, team, appraiser, fields);
    }
    redirect.addFlashAttribute("message", "已保存" + team.teamName() + "的" + appraiser.label() + "。");
    return "redirect:" + PAGE + "/" + roundKey + "/" + teamNo;
  }

  private String form(Model model, TeamRef team, Appraiser appraiser, Map<String, String> entered) {
    List<Member> members = appraisals.members(team, appraiser);
    model.addAttribute("team", team);
    model.addAttribute("appraiser", appraiser);
    model.addAttribute("members", members);
    model.addAttribute("grades", Appraisal.GRADES);
    model.addAttribute("limit", Appraisal.REMARK_LIMIT);
    model.addAttribute("entered", entered);
    return "appraisal";
  }

  private TeamRef team(String roundKey, int teamNo) {
    return appraisals.team(roundKey, teamNo)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有这个已批准轮次的巡察组"));
  }

  private Appraiser appraiser(TeamRef team, Authentication user) {
    return appraisals.appraiserOf(team, user.getName(), isOffice(user))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN, "只有巡察办和本组组长可以评价" + team.teamName() + "的干部"));
  }

  private static boolean isOffice(Authentication user) {
    return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(OFFICE::contains);
  }
}
