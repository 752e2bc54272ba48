package io.dim.dashboard.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read-only user in a real browser: a wrong password is refused on the form; the
 * viewer sees the figures with every action disabled, and signs out back to the form.
 * Runs when the smoke test gives {@code -Ddim.browser.viewer-password}.
 */
@EnabledIfSystemProperty(named = "dim.browser.viewer-password", matches = ".+")
class DashboardViewerBrowserTests {

	WebDriver browser;

	@AfterEach
	void close() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void theViewerReadsWithEveryActionDisabled() throws Exception {
		this.browser = DashboardBrowserTests.chromium();
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(60));
		wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);

		this.browser.get(System.getProperty("dim.browser.dashboard"));
		wait.until((d) -> !d.findElements(By.cssSelector("#login-form input[name='username']")).isEmpty());
		this.browser.findElement(By.cssSelector("#login-form input[name='username']")).sendKeys("viewer");
		this.browser.findElement(By.cssSelector("#login-form input[name='password']"))
			.sendKeys("not-the-password", org.openqa.selenium.Keys.ENTER);
		wait.until((d) -> d.getCurrentUrl().contains("error"));
		assertThat(this.browser.findElements(By.id("signed-in"))).isEmpty();

		DashboardBrowserTests.signIn(this.browser, wait, "viewer", System.getProperty("dim.browser.viewer-password"));
		wait.until((d) -> d.findElements(By.cssSelector(".endpoint-card")).size() >= 3);
		assertThat(this.browser.findElement(By.id("signed-in")).getText()).isEqualTo("Signed in as viewer (read-only)");
		for (String id : List.of("reoptimize-all", "migrator-tick", "migrator-drain", "clear-failed", "chaos-spike",
				"burst", "check-replicas", "forget-object", "chaos-clear", "enforce-encryption", "tool-run",
				"adopt-run")) {
			WebElement control = this.browser.findElement(By.id(id));
			assertThat(control.getDomAttribute("disabled")).as(id + " disabled").isNotNull();
		}
		assertThat(this.browser.findElements(By.cssSelector(".chaos-toggle"))).isNotEmpty()
			.allSatisfy((b) -> assertThat(b.getDomAttribute("disabled")).isNotNull());
		shot("11-viewer");
		DashboardBrowserTests.assertNoSecrets(this.browser.getPageSource(), "the viewer's page");

		this.browser.findElement(By.id("sign-out")).click();
		wait.until((d) -> !d.findElements(By.cssSelector("#login-form")).isEmpty());
	}

	private void shot(String name) throws Exception {
		Path file = ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.FILE).toPath();
		Files.createDirectories(DashboardBrowserTests.SHOTS);
		Files.copy(file, DashboardBrowserTests.SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}

}
