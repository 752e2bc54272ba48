package io.dim.dashboard.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real dashboard in Debian's headless chromium, against a running stack (the dev-up
 * smoke test runs it with {@code -Ddim.browser.dashboard=http://localhost:8050} and the
 * admin's password in {@code -Ddim.browser.password}; without the URL it is skipped),
 * signed in as admin. Each step saves a screenshot under {@code target/browser/}.
 */
@EnabledIfSystemProperty(named = "dim.browser.dashboard", matches = "https?://.+")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTests {

	static final Path SHOTS = Path.of("target", "browser");

	static WebDriver browser;

	static WebDriverWait wait;

	@BeforeAll
	static void openBrowser() throws Exception {
		Files.createDirectories(SHOTS);
		browser = chromium();
		wait = new WebDriverWait(browser, Duration.ofSeconds(60));
		// The page redraws its panels on every refresh: an element found a moment ago
		// may be gone; look again.
		wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
		signIn(browser, wait, "admin", System.getProperty("dim.browser.password", ""));
	}

	/**
	 * Opens the dashboard, which sends an unknown visitor to its sign-in form, and signs
	 * in; waits for the overview.
	 */
	static void signIn(WebDriver browser, WebDriverWait wait, String user, String password) {
		browser.get(System.getProperty("dim.browser.dashboard"));
		wait.until((d) -> !d.findElements(By.cssSelector("#login-form input[name='username']")).isEmpty());
		browser.findElement(By.cssSelector("#login-form input[name='username']")).sendKeys(user);
		browser.findElement(By.cssSelector("#login-form input[name='password']")).sendKeys(password, Keys.ENTER);
		wait.until((d) -> !d.findElements(By.id("signed-in")).isEmpty());
	}

	/** Debian's headless chromium through its chromedriver (no browser download). */
	static WebDriver chromium() throws Exception {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(System.getProperty("dim.browser.chromium", "/usr/bin/chromium"));
		// A fresh profile each time, deleted when the tests' JVM exits (about 9 MB).
		Path profile = Files.createTempDirectory("dim-chromium");
		Runtime.getRuntime()
			.addShutdownHook(
					new Thread(() -> org.springframework.util.FileSystemUtils.deleteRecursively(profile.toFile()),
							"delete " + profile));
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1600,2000",
				"--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(
					Path.of(System.getProperty("dim.browser.chromedriver", "/usr/bin/chromedriver")).toFile())
			.build();
		return new ChromeDriver(service, options);
	}

	@AfterAll
	static void closeBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	@Order(1)
	void thePageLoadsWithAllPanels() throws Exception {
		wait.until((d) -> d.findElements(By.cssSelector(".endpoint-card")).size() >= 3);
		assertThat(browser.findElement(By.id("signed-in")).getText()).isEqualTo("Signed in as admin");
		String text = browser.findElement(By.tagName("body")).getText();
		assertThat(text).contains("Overview", "Endpoints", "Why this tier?", "Migration", "Alerts", "Policy", "Chaos")
			.containsPattern("\\d+ objects");
		assertThat(browser.findElements(By.cssSelector(".tier-bar"))).hasSize(3);
		for (String id : List.of("reoptimize-all", "migrator-tick", "migrator-drain", "clear-failed", "chaos-spike",
				"burst")) {
			assertThat(browser.findElement(By.id(id)).isDisplayed()).as(id).isTrue();
		}
		// The tier chart is drawn by Chart.js on a canvas: three points, hot, warm, cold.
		wait.until((d) -> "3".equals(d.findElement(By.id("tier-chart")).getAttribute("data-points")));
		assertThat(browser.findElement(By.cssSelector("#tier-chart canvas")).isDisplayed()).isTrue();
		// Vaadin leaves an invisible component out of the page.
		assertThat(browser.findElements(By.id("api-banner"))).allSatisfy((b) -> assertThat(b.isDisplayed()).isFalse());
		shot("1-loaded");
	}

	@Test
	@Order(2)
	void enforcingEncryptionShowsTheUnencryptedEndpointExcluded() throws Exception {
		assertThat(card("gcp").getText()).contains("· not encrypted ·");
		assertThat(card("aws").getText()).contains("· encrypted ·");
		clickCheckbox("enforce-encryption");
		wait.until((d) -> "true".equals(card("gcp").getAttribute("data-excluded")));
		wait.until((d) -> card("gcp").getText().contains("excluded")
				&& "false".equals(card("aws").getAttribute("data-excluded")));
		shot("2-encryption-enforced");
		clickCheckbox("enforce-encryption");
		wait.until((d) -> "false".equals(card("gcp").getAttribute("data-excluded")));
	}

	@Test
	@Order(3)
	void selectingAnObjectShowsWhyItLivesWhereItDoes() throws Exception {
		selectObject("app-000");
		wait.until((d) -> d.findElement(By.id("why-this-tier")).getText().contains("logs/app-000.log is"));
		wait.until((d) -> {
			String why = d.findElement(By.id("why-this-tier")).getText();
			return why.contains("(source:") && why.contains("Placement: {")
					&& why.contains("Debug: the raw /explain JSON") && why.contains("Cost terms per endpoint:")
					&& why.contains("aws: storage $");
		});
		shot("3-why-this-tier");
		// The raw JSON's long lines wrap within the window (shot() checks the page's
		// width). Opening it is a click on its summary (once: a second click would close
		// it again).
		By details = By.cssSelector("#why-this-tier vaadin-details");
		click(browser.findElement(By.cssSelector("#why-this-tier vaadin-details-summary")));
		wait.until((d) -> d.findElement(details).getAttribute("opened") != null
				&& d.findElement(By.cssSelector("#why-this-tier pre")).getText().contains("\"runnerUp\""));
		// It stays open when the next refresh redraws the panel (the headline is drawn
		// anew each time).
		WebElement headline = browser.findElement(By.cssSelector(".explain-tier"));
		wait.until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(headline));
		assertThat(browser.findElement(details).getAttribute("opened")).isNotNull();
		assertThat(browser.findElement(By.cssSelector("#why-this-tier pre")).getText()).contains("\"runnerUp\"");
		shot("3b-raw-explain");
	}

	@Test
	@Order(4)
	void burstRaisesTheHeatOfTheSelectedObject() throws Exception {
		// Run alone (a rerun of this test only), it selects the object itself.
		if (!browser.findElement(By.id("why-this-tier")).getText().contains("logs/app-000.log is")) {
			selectObject("app-000");
			wait.until((d) -> d.findElement(By.id("why-this-tier")).getText().contains("logs/app-000.log is"));
		}
		wait.until((d) -> heat() >= 0);
		double before = heat();
		click(browser.findElement(By.id("burst")));
		wait.until((d) -> heat() > before);
		// Its history now has at least one bucket, drawn as a sparkline.
		wait.until((d) -> Integer.parseInt(java.util.Objects
			.requireNonNullElse(d.findElement(By.id("heat-history")).getAttribute("data-points"), "0")) > 0);
		// The panel lists the object's replicas.
		wait.until(
				(d) -> d.findElement(By.cssSelector(".object-replicas")).getText().matches("Replicas: .*verified.*"));
		shot("4-after-burst");
		// Its replicas read back at once.
		click(browser.findElement(By.id("check-replicas")));
		wait.until((d) -> d.findElements(By.cssSelector("vaadin-notification-card"))
			.stream()
			.anyMatch((card) -> card.getText().matches("(?s).*logs/app-000\\.log: \\d replica\\(s\\) read back.*")));
		// Forget is refused for an object still in its buckets, saying why; it stays.
		click(browser.findElement(By.id("forget-object")));
		wait.until((d) -> d.findElements(By.cssSelector("vaadin-notification-card"))
			.stream()
			.anyMatch((card) -> card.getText().contains("Refused (409)")
					&& card.getText().contains("still in the bucket of")));
		assertThat(browser.findElement(By.id("why-this-tier")).getText()).contains("logs/app-000.log is");
	}

	@Test
	@Order(5)
	void failingAnEndpointMarksItDown() throws Exception {
		WebElement controls = browser.findElement(By.cssSelector(".chaos-endpoint[data-endpoint='aws']"));
		click(controls.findElement(By.cssSelector(".chaos-toggle")));
		wait.until((d) -> "DOWN".equals(card("aws").getAttribute("data-health")));
		wait.until((d) -> card("aws").getText().contains("chaos: failed"));
		shot("5-aws-failed");
		// The alert evaluator (every 15 s) opens endpoint_down for aws; acknowledge it.
		By ack = By.cssSelector(".alert-ack[data-rule='endpoint_down'][data-subject='aws']");
		wait.until((d) -> !d.findElements(ack).isEmpty() && d.findElement(ack).isEnabled());
		click(browser.findElement(ack));
		wait.until((d) -> d.findElement(By.id("alerts")).getText().contains("acked"));
		shot("5b-alert-acked");
		// Latency and a failure rate, typed into the sidebar, show on the card. TAB sends
		// the field's value (a click through the DOM does not blur it).
		WebElement aws = browser.findElement(By.cssSelector(".chaos-endpoint[data-endpoint='aws']"));
		aws.findElement(By.cssSelector(".chaos-latency-ms input")).sendKeys("300", Keys.TAB);
		click(aws.findElement(By.cssSelector(".chaos-latency")));
		wait.until((d) -> card("aws").getText().contains("chaos: +300 ms"));
		aws.findElement(By.cssSelector(".chaos-flaky-rate input")).sendKeys("0.5", Keys.TAB);
		click(aws.findElement(By.cssSelector(".chaos-flaky")));
		wait.until((d) -> card("aws").getText().contains("50% of calls fail"));
		shot("5c-aws-slow-and-flaky");
		click(browser.findElement(By.id("chaos-clear")));
		wait.until((d) -> "UP".equals(card("aws").getAttribute("data-health"))
				&& !card("aws").getText().contains("chaos:"));
	}

	@Test
	@Order(6)
	void theMigrationToolsCopyAKeyAndShowWhatRan() throws Exception {
		WebElement tools = browser.findElement(By.id("tools"));
		((JavascriptExecutor) browser).executeScript("arguments[0].opened = true", tools);
		WebElement path = tools.findElement(By.cssSelector("vaadin-text-field input"));
		// TAB: a text field sends its value on change; a click through the DOM does not
		// blur it.
		path.sendKeys("logs/app-000.log", Keys.TAB);
		// The migrator moves objects as they heat up: the key is on two of the three
		// endpoints, which ones is not known here. A source without it (404), or with
		// only a copy DIM does not vouch for onto a replica (409), is refused on the
		// page; one of the three pairs copies it (a verified replica onto the third).
		List<String> endpoints = List.of("aws", "azure", "gcp");
		String result = "";
		for (int i = 0; i < endpoints.size() && !result.contains("object(s)"); i++) {
			choose("tool-source", endpoints.get(i));
			choose("tool-target", endpoints.get((i + 1) % endpoints.size()));
			String before = browser.findElement(By.id("tool-result")).getText();
			click(browser.findElement(By.id("tool-run")));
			wait.until((d) -> {
				String now = d.findElement(By.id("tool-result")).getText();
				return !now.equals(before) && (now.contains("object(s)") || now.startsWith("Refused (404)")
						|| now.startsWith("Refused (409)"));
			});
			result = browser.findElement(By.id("tool-result")).getText();
			if (result.startsWith("Refused")) {
				assertThat(result).contains("logs/app-000.log").contains(endpoints.get(i));
			}
		}
		assertThat(result).contains("object(s)").contains("engine ").contains("argv: ").doesNotContain("secret");
		shot("6-tools");
	}

	@Test
	@Order(7)
	void adoptionReportsWhatItFoundInABucket() throws Exception {
		// The smoke test drops inbox/browser-1.txt into azure's bucket first and checks,
		// after this test, that it is managed; against another dev-up the prefix may hold
		// nothing, and the report says so.
		WebElement adopt = browser.findElement(By.id("adopt"));
		((JavascriptExecutor) browser).executeScript("arguments[0].opened = true", adopt);
		choose("adopt-endpoint", "azure");
		adopt.findElement(By.cssSelector("#adopt-prefix input")).sendKeys("inbox/browser-", Keys.TAB);
		click(browser.findElement(By.id("adopt-run")));
		wait.until((d) -> d.findElement(By.id("adopt-result")).getText().startsWith("Adopted "));
		assertThat(browser.findElement(By.id("adopt-result")).getText()).containsPattern(
				"Adopted \\d+ of \\d+ object\\(s\\) listed on azure under \"inbox/browser-\" \\(\\d+ known, 0 conflict\\(s\\)\\), .* read; \\d+ placement job\\(s\\)");
		shot("7-adopt");
	}

	/**
	 * Picks an option of a vaadin-select by its text: the element's value is an item key
	 * that Flow maps back to the option (the refusal naming the source shows it took).
	 */
	private static void choose(String selectId, String text) {
		WebElement select = browser.findElement(By.id(selectId));
		((JavascriptExecutor) browser).executeScript("""
				const item = [...arguments[0].querySelectorAll('vaadin-select-item')]
				    .find((i) => i.textContent.trim() === arguments[1]);
				arguments[0].value = item.value;""", select, text);
	}

	@Test
	@Order(8)
	void reoptimizeAllAndDrainReportTheirOutcome() throws Exception {
		click(browser.findElement(By.id("reoptimize-all")));
		wait.until((d) -> d.findElement(By.id("action-progress")).getText().startsWith("Re-optimize All done:"));
		assertThat(browser.findElement(By.id("action-progress")).getText()).containsPattern("\\d+ evaluated");
		click(browser.findElement(By.id("migrator-drain")));
		wait.until((d) -> d.findElement(By.id("action-progress")).getText().startsWith("Migrator Drain done:"));
		// In words, not JSON.
		assertThat(browser.findElement(By.id("action-progress")).getText())
			.containsPattern("(queue empty|timed out) after \\d+ round\\(s\\)");
		java.util.Map<String, String> outcomes = new java.util.HashMap<>();
		for (String action : List.of("migrator-tick", "clear-failed", "chaos-spike")) {
			String before = browser.findElement(By.id("action-progress")).getText();
			click(browser.findElement(By.id(action)));
			wait.until((d) -> {
				String now = d.findElement(By.id("action-progress")).getText();
				return !now.equals(before) && now.contains(" done: ");
			});
			outcomes.put(action, browser.findElement(By.id("action-progress")).getText());
		}
		assertThat(outcomes.get("migrator-tick")).containsPattern("Migrator Tick done: \\d+ task\\(s\\) claimed");
		assertThat(outcomes.get("clear-failed"))
			.containsPattern("Clear Failed Tasks done: \\d+ failed task\\(s\\) removed");
		assertThat(browser.findElement(By.id("action-progress")).getText()).startsWith("Chaos Spike done:");
		shot("8-actions");
	}

	@Test
	@Order(9)
	void whatIfComparesEveryPolicyInATableAndAChart() throws Exception {
		WebElement days = browser.findElement(By.cssSelector("#whatif-days input"));
		days.sendKeys(Keys.chord(Keys.CONTROL, "a"), "0", Keys.TAB);
		click(browser.findElement(By.id("whatif-run")));
		wait.until((d) -> d.findElement(By.id("whatif-outcome")).getText().contains("1 to 90"));
		days.sendKeys(Keys.chord(Keys.CONTROL, "a"), "7", Keys.TAB);
		WebElement sla = browser.findElement(By.cssSelector("#whatif-sla input"));
		sla.sendKeys(Keys.chord(Keys.CONTROL, "a"), "0", Keys.TAB);
		click(browser.findElement(By.id("whatif-run")));
		wait.until((d) -> d.findElement(By.id("whatif-outcome")).getText().contains("SLA (ms): empty"));
		// What if the SLA were 50 ms (the deployment's is 100)?
		sla.sendKeys(Keys.chord(Keys.CONTROL, "a"), "50", Keys.TAB);
		click(browser.findElement(By.id("whatif-run")));
		// ml-service trains a forecaster on the history, then replays six policies.
		new WebDriverWait(browser, Duration.ofMinutes(3))
			.until((d) -> d.findElement(By.id("whatif-outcome")).getText().contains("Cheapest with under 1%"));
		assertThat(browser.findElement(By.id("whatif-outcome")).getText()).contains("SLA 50 ms on 2 replicas");
		String table = browser.findElement(By.id("whatif")).getText();
		assertThat(table).contains("dim", "all-fastest", "all-cheapest", "intelligent-tiering", "heat-bands",
				"replicate-all");
		// dim's total over each other policy's, e.g. 0.992.
		assertThat(table).contains("dim ÷ this").containsPattern("\\d\\.\\d{3}");
		assertThat(table).contains("Copies carried by reads");
		wait.until((d) -> "6".equals(d.findElement(By.id("whatif-chart")).getAttribute("data-points")));
		// ml-service's progress lines, kept in the replay log once the run is over.
		click(browser.findElement(By.cssSelector("#whatif-log-details vaadin-details-summary")));
		wait.until((d) -> d.findElement(By.id("whatif-log")).getText().contains("intelligent-tiering: 100% of "));
		assertThat(browser.findElement(By.id("whatif-log")).getText()).contains("dim: 100% of ", "heat-bands: 100% of ",
				"replicate-all: 100% of ");
		shot("9-whatif");
	}

	@Test
	@Order(10)
	void anUnknownPageSaysSoAndLeadsBackToTheDashboard() throws Exception {
		String dashboard = System.getProperty("dim.browser.dashboard").replaceAll("/+$", "");
		browser.get(dashboard + "/no-such-page");
		wait.until((d) -> !d.findElements(By.id("not-found")).isEmpty());
		assertThat(browser.findElement(By.id("not-found")).getText()).contains("No page at /no-such-page");
		shot("10-not-found");
		browser.findElement(By.id("back-to-dashboard")).click();
		wait.until((d) -> d.findElements(By.cssSelector(".endpoint-card")).size() >= 3);
		// A visitor who is not signed in gets the sign-in form there, not the page.
		WebDriver visitor = chromium();
		try {
			visitor.get(dashboard + "/no-such-page");
			new WebDriverWait(visitor, Duration.ofSeconds(60))
				.until((d) -> !d.findElements(By.cssSelector("#login-form input[name='username']")).isEmpty());
			assertThat(visitor.findElements(By.id("not-found"))).isEmpty();
		}
		finally {
			visitor.quit();
		}
	}

	private static WebElement card(String endpoint) {
		return browser.findElement(By.cssSelector(".endpoint-card[data-endpoint='" + endpoint + "']"));
	}

	/**
	 * Clicks a button through the DOM: a notification in the corner must not take the
	 * click (CI saw one intercept the Ack button).
	 */
	private static void click(WebElement button) {
		((JavascriptExecutor) browser).executeScript("arguments[0].click()", button);
	}

	private static void clickCheckbox(String id) {
		((JavascriptExecutor) browser).executeScript("arguments[0].querySelector('input').click()",
				browser.findElement(By.id(id)));
	}

	/**
	 * Types into the object selector, waits until the server's matches arrive, and picks
	 * the first (the overlay lives in the combo box's shadow root, so the items are read
	 * through its filteredItems property).
	 */
	private static void selectObject(String text) {
		WebElement combo = browser.findElement(By.id("object-selector"));
		WebElement input = combo.findElement(By.cssSelector("input"));
		input.click();
		input.sendKeys(text);
		wait.until((d) -> ((Number) ((JavascriptExecutor) d).executeScript(
				"const items = arguments[0].filteredItems || [];"
						+ "return items.filter(i => i && String(i.label || i).includes(arguments[1])).length;",
				combo, text))
			.intValue() > 0);
		input.sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
	}

	/** The heat shown for the selected object (-1 while the panel is being redrawn). */
	private static double heat() {
		String text;
		try {
			text = browser.findElement(By.cssSelector(".explain-tier")).getText();
		}
		catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException ex) {
			return -1;
		}
		java.util.regex.Matcher heat = java.util.regex.Pattern.compile("heat ([0-9.]+)").matcher(text);
		return heat.find() ? Double.parseDouble(heat.group(1)) : -1;
	}

	/** Saves a screenshot, and checks the page for secrets at each step. */
	private static void shot(String name) throws Exception {
		Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
		Files.copy(file, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
		assertNoSecrets(browser.getPageSource(), name);
		assertNoCutOffCells(name);
		assertFitsTheWindow(name);
	}

	/**
	 * Nothing widens the page past the window: a log's long lines once pushed the whole
	 * dashboard sideways, behind a horizontal scroll bar.
	 */
	private static void assertFitsTheWindow(String page) {
		Object overflow = ((JavascriptExecutor) browser)
			.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
		assertThat(((Number) overflow).intValue()).as("pixels the page is wider than the window on " + page)
			.isLessThanOrEqualTo(0);
	}

	/**
	 * No table cell is cut off: a column sized for its first contents ("DONE") once
	 * showed "PEN…" for PENDING after a refresh.
	 */
	private static void assertNoCutOffCells(String page) {
		Object cut = ((JavascriptExecutor) browser)
			.executeScript("return [...document.querySelectorAll('vaadin-grid-cell-content')]"
					+ ".filter(c => c.offsetParent !== null && c.scrollWidth > c.clientWidth + 1)"
					+ ".map(c => c.textContent.trim());");
		assertThat((List<?>) cut).as("cells cut off on " + page).isEmpty();
	}

	/**
	 * The page never shows a secret: the local endpoints' S3 secret keys, nor any of
	 * {@code -Ddim.browser.secrets} (comma-separated: the smoke test passes the API keys
	 * and the passwords).
	 */
	static void assertNoSecrets(String html, String page) {
		assertThat(html).as(page).doesNotContain("-local-secret");
		for (String secret : System.getProperty("dim.browser.secrets", "").split(",")) {
			if (!secret.isBlank()) {
				assertThat(html.contains(secret.strip())).as(page + " shows a secret").isFalse();
			}
		}
	}

}
