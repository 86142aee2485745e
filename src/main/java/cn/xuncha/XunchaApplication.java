package cn.xuncha;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class XunchaApplication {

  public static void main(String[] args) {
    SpringApplication.run(XunchaApplication.class, args);
  }
}
