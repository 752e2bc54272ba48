package io.dim.dashboard.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard while api-service is down, and after it is back, in headless chromium.
 * The dev-up smoke test stops api-service and runs this with
 * {@code -Ddim.browser.outage=down}, starts it again and runs it with {@code =up}.
 */
class DashboardOutageBrowserTests {

	WebDriver browser;

	WebDriverWait wait;

	@BeforeEach
	void open() throws Exception {
		if (System.getProperty("dim.browser.outage") == null) {
			return;
		}
		this.browser = DashboardBrowserTests.chromium();
		this.wait = new WebDriverWait(this.browser, Duration.ofSeconds(90));
		this.wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
		DashboardBrowserTests.signIn(this.browser, this.wait, "admin", System.getProperty("dim.browser.password", ""));
	}

	@AfterEach
	void close() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	@EnabledIfSystemProperty(named = "dim.browser.outage", matches = "down")
	void aBannerSaysTheApiIsUnreachable() throws Exception {
		this.wait.until((d) -> !d.findElements(By.id("api-banner")).isEmpty()
				&& d.findElement(By.id("api-banner")).getText().contains("is unreachable"));
		shot("8-api-down");
	}

	@Test
	@EnabledIfSystemProperty(named = "dim.browser.outage", matches = "up")
	void thePageRecoversWhenTheApiIsBack() throws Exception {
		this.wait.until((d) -> d.findElements(By.cssSelector(".endpoint-card")).size() >= 3
				&& d.findElements(By.id("api-banner")).stream().noneMatch((b) -> b.isDisplayed()));
		shot("9-api-back");
	}

	private void shot(String name) throws Exception {
		Path file = ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.FILE).toPath();
		Files.createDirectories(DashboardBrowserTests.SHOTS);
		Files.copy(file, DashboardBrowserTests.SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}

}
