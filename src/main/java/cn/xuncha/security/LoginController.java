package cn.xuncha.security;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginController {

  @GetMapping(SecurityConfig.LOGIN_PAGE)
  String login() {
    return "login";
  }

  @GetMapping("/")
  String home() {
    return "redirect:/camunda/app/tasklist/default/";
  }
}
