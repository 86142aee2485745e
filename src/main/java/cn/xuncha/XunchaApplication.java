package cn.xuncha;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class XunchaApplication {

  public static void main(String[] args) {
    SpringApplication.run(XunchaApplication.class, args);
  }
}
