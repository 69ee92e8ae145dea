#!/usr/bin/env python3
"""A real-browser test of the worklist page: Debian's headless Chromium driven by selenium through
Debian's chromium-driver, against a running desk.

Steps (each prints PASS/FAIL; the exit status is 1 when any step fails):
  1. post two hostile disputes through the API (`<script>` in the text, `onerror=` in the text and
     in the id) so the page has to render them inert;
  2. sign in through the login form with a collector token; the session cookie is HttpOnly and
     SameSite=Strict; the rows are ranked 1..N;
  3. click "Urgent" on the last row and see it move up (up to 3 clicks, each a new event);
  4. correct the subject of another row with its select and "Correct";
  5. the admin log export (GET /v1/feedback) holds exactly those events, in order, by the
     collector's token;
  6. the hostile text is shown as text: no alert, no script or img element from it, the payloads'
     side effects never ran, no CSP violation;
  7. the browser console holds no errors;
  8. a dispute longer than the worklist's 150-character excerpt, opened from its worklist row (the
     excerpt is the link): its page shows the whole message, its line breaks and its facts, and
     "Back to the worklist" keeps the filters;
  9. that dispute, resolved meanwhile, snoozed from its page: the page comes back with the refusal in
     its alert box (not the API's JSON); then, signed out, its address is the sign-in page, and
     signing in returns to it.
Screenshots go to RESULTS/worklist*.png, RESULTS/dispute.png and RESULTS/dispute-refused.png.

Usage: browser_test.py --base http://127.0.0.1:PORT --collector-token T --admin-token A --results DIR
(browser_test.sh starts a desk and passes these.)
"""

import argparse
import json
import os
import re
import sys

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kill_client import call, feedback_log  # noqa: E402

XSS_SCRIPT_ID = "XSS-script-1"
XSS_ATTR_ID = 'XSS-"><img src=x onerror=alert(3)>'
XSS_SCRIPT_TEXT = ("Invoice 4411 is wrong, we were charged twice for the same pallets. "
                   "<script>window.__xss = 1; alert('xss-script')</script> Please credit the duplicate.")
LONG_ID = "LONG-1"
LONG_TEXT = ("We were billed twice for invoice 5120 and the duplicate is still open on our statement.\n"
             "Second line: the credit note promised on the phone on Monday never arrived at our office.\n"
             "Third line: please <b>cancel</b> the duplicate and confirm in writing.")
XSS_ATTR_TEXT = ("Damaged goods on invoice 9032: <img src=x onerror=\"window.__xss = 2; alert('xss-img')\"> "
                 "\"><svg onload=alert(4)> we refuse to pay until replaced.")

failures = []


def check(ok, what, detail=""):
    print(("PASS  " if ok else "FAIL  ") + what + (f"  [{detail}]" if detail else ""), flush=True)
    if not ok:
        failures.append(what)
    return ok


def api(base, token, method, path, body=None, headers=None):
    return call(base, token, method, path, body, headers, timeout=30)


def rows(driver):
    """(id, rank) of every worklist row, in page order."""
    return [(tr.get_attribute("data-id"), int(tr.get_attribute("data-rank")))
            for tr in driver.find_elements(By.CSS_SELECTOR, "tr[data-id]")]


def row_element(driver, dispute_id):
    for tr in driver.find_elements(By.CSS_SELECTOR, "tr[data-id]"):
        if tr.get_attribute("data-id") == dispute_id:
            return tr
    return None


def rank_of(driver, dispute_id):
    for rid, rank in rows(driver):
        if rid == dispute_id:
            return rank
    return None


def submit_and_wait(driver, button):
    """Clicks a form button and waits for the redirect back to the worklist."""
    button.click()
    try:
        WebDriverWait(driver, 30).until(EC.staleness_of(button))
        WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")
        WebDriverWait(driver, 30).until(EC.presence_of_element_located((By.CSS_SELECTOR, "tr[data-id]")))
    except TimeoutException:
        body = driver.execute_script("return document.body ? document.body.innerText : ''")
        raise RuntimeError(f"no worklist after the post: at {driver.current_url}, page text: {body[:600]!r}") from None


def highlight(driver, element):
    """Scrolls a row to the middle and outlines it, for the screenshot only."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].style.outline = '3px solid #0b5cad'", element)


def no_alert(driver):
    try:
        alert = driver.switch_to.alert
        text = alert.text
        alert.accept()
        return False, text
    except NoAlertPresentException:
        return True, ""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--collector-token", required=True)
    parser.add_argument("--admin-token", required=True)
    parser.add_argument("--results", required=True)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    args = parser.parse_args()
    base, admin = args.base.rstrip("/"), args.admin_token
    os.makedirs(args.results, exist_ok=True)

    # 1. Hostile disputes, posted like an intake service would.
    status, body = api(base, admin, "POST", "/v1/disputes", [
        {"id": XSS_SCRIPT_ID, "text": XSS_SCRIPT_TEXT, "amount": 1200, "days_past_due": 10,
         "customer_id": "<b>C-XSS</b>", "invoices": ["<i>INV-1</i>"]},
        {"id": XSS_ATTR_ID, "text": XSS_ATTR_TEXT, "amount": 900, "days_past_due": 5},
    ])
    check(status == 200 and len(body.get("results", [])) == 2, "POST /v1/disputes with <script>/onerror= text", f"{status}")
    log_before, _ = feedback_log(base, admin, 1000)

    options = webdriver.ChromeOptions()
    options.binary_location = args.chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--window-size=1600,1100", "--no-first-run", "--disable-extensions"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(args.chromedriver), options=options)
    driver.set_page_load_timeout(60)
    console = []
    try:
        # 2. Login.
        driver.get(base + "/")
        token_input = WebDriverWait(driver, 30).until(EC.presence_of_element_located((By.NAME, "token")))
        check(driver.find_element(By.CSS_SELECTOR, "label[for=token]") is not None, "login form has a labelled token field")
        driver.save_screenshot(os.path.join(args.results, "worklist-login.png"))
        token_input.send_keys(args.collector_token)
        submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.login button[type=submit]"))
        cookie = driver.get_cookie("desk_session")
        check(cookie is not None and cookie.get("httpOnly") is True and cookie.get("sameSite") == "Strict",
              "session cookie is HttpOnly and SameSite=Strict", json.dumps({k: cookie.get(k) for k in ("httpOnly", "sameSite")} if cookie else None))
        first = rows(driver)
        check(len(first) >= 40, "worklist shows the seed disputes", f"{len(first)} rows")
        check([r for _, r in first] == list(range(1, len(first) + 1)), "ranks are 1..N in page order")
        count = driver.find_element(By.ID, "count").text
        check(count.isdigit() and int(count) == len(first), "header count follows the rows", f"count={count}")
        driver.save_screenshot(os.path.join(args.results, "worklist.png"))

        # 6. Hostile text is inert (checked on the first render, before any post).
        ok, alert_text = no_alert(driver)
        check(ok, "no alert dialog on the worklist", alert_text)
        check(driver.execute_script("return typeof window.__xss") == "undefined", "payload side effects never ran (window.__xss unset)")
        check(driver.execute_script("return document.scripts.length") == 0, "no <script> element in the page")
        check(driver.execute_script("return document.querySelectorAll('img, svg').length") == 0, "no <img>/<svg> element from dispute text")
        onerror = driver.execute_script("return Array.from(document.querySelectorAll('*')).filter(e => e.hasAttribute('onerror') || e.hasAttribute('onload')).length")
        check(onerror == 0, "no element carries an onerror/onload attribute")
        script_row = row_element(driver, XSS_SCRIPT_ID)
        attr_row = row_element(driver, XSS_ATTR_ID)
        check(script_row is not None, "the <script> dispute is listed")
        check(attr_row is not None, "the dispute whose id holds '\"><img onerror=' is listed with its exact id")
        if script_row is not None:
            text = script_row.find_element(By.CSS_SELECTOR, ".msg").text
            check("<script>window.__xss = 1; alert('xss-script')</script>" in text, "<script> text is visible as text")
            check("<b>C-XSS</b>" in script_row.text and "<i>INV-1</i>" in script_row.text, "customer and invoice markup shown as text")
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", script_row)
        if attr_row is not None:
            text = attr_row.find_element(By.CSS_SELECTOR, ".msg").text
            check("<img src=x onerror=\"window.__xss = 2; alert('xss-img')\">" in text and "<svg onload=alert(4)>" in text,
                  "onerror=/onload= text is visible as text")
        driver.save_screenshot(os.path.join(args.results, "worklist-xss.png"))

        # 3. Urgent on the last row.
        target, urgent_clicks = None, 0
        try:
            target, start_rank = first[-1]
            if target in (XSS_SCRIPT_ID, XSS_ATTR_ID):
                target, start_rank = [r for r in first if r[0] not in (XSS_SCRIPT_ID, XSS_ATTR_ID)][-1]
            ranks = [start_rank]
            for _ in range(3):
                tr = row_element(driver, target)
                if tr is None:
                    break
                button = tr.find_element(By.CSS_SELECTOR, "button.urgent")
                driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
                submit_and_wait(driver, button)
                urgent_clicks += 1
                ranks.append(rank_of(driver, target))
                if ranks[-1] is not None and ranks[-1] < start_rank:
                    break
            flash = driver.find_elements(By.CSS_SELECTOR, "p.flash")
            check(bool(flash) and target in flash[0].text, "flash after the post names the dispute", flash[0].text if flash else "none")
            check(ranks[-1] is not None and ranks[-1] < start_rank,
                  "'Urgent' on the last row moves it up", f"{target}: ranks {' -> '.join(map(str, ranks))} after {urgent_clicks} click(s)")
            print(f"INFO  urgent: dispute {target} rank {' -> '.join(map(str, ranks))} after {urgent_clicks} click(s)")
            tr = row_element(driver, target)
            if tr is not None:
                highlight(driver, tr)
            driver.save_screenshot(os.path.join(args.results, "worklist-after-urgent.png"))
        except Exception as error:
            check(False, "'Urgent' on the last row", f"{type(error).__name__}: {error}")
            driver.save_screenshot(os.path.join(args.results, "worklist-after-urgent.png"))
            driver.get(base + "/")

        corrected, new_subject, corrected_ok = None, None, False
        try:
            # 4. Correct the subject of the row now ranked 3 (not the urgent one).
            candidates = [r for r in rows(driver) if r[0] not in (target, XSS_SCRIPT_ID, XSS_ATTR_ID)]
            corrected, _ = candidates[2]
            tr = row_element(driver, corrected)
            select = Select(tr.find_element(By.CSS_SELECTOR, "select.correct-subject"))
            current = select.first_selected_option.get_attribute("value")
            new_subject = next(o.get_attribute("value") for o in select.options if o.get_attribute("value") != current)
            select.select_by_value(new_subject)
            submit_and_wait(driver, tr.find_element(By.CSS_SELECTOR, "button.correct"))
            corrected_ok = True
            flash = driver.find_elements(By.CSS_SELECTOR, "p.flash")
            check(bool(flash) and corrected in flash[0].text, "subject correction posted", f"{corrected}: {current} -> {new_subject}")
            tr = row_element(driver, corrected)
            if tr is not None:
                highlight(driver, tr)
            driver.save_screenshot(os.path.join(args.results, "worklist-after-correct.png"))
        except Exception as error:
            check(False, "subject correction", f"{type(error).__name__}: {error}")
            driver.save_screenshot(os.path.join(args.results, "worklist-after-correct.png"))

        # 8. The dispute page, opened from the worklist row.
        try:
            status, _ = api(base, admin, "POST", "/v1/disputes", [
                {"id": LONG_ID, "text": LONG_TEXT, "amount": 4321.5, "open_balance": 20000, "customer_id": "C-LONG"}])
            check(status == 200 and len(LONG_TEXT) > 150, "POST a dispute longer than the excerpt", f"{status}, {len(LONG_TEXT)} chars")
            driver.get(base + "/?status=open&customer=C-LONG")
            tr = WebDriverWait(driver, 30).until(lambda d: row_element(d, LONG_ID))
            link = tr.find_element(By.CSS_SELECTOR, ".msg a")
            check(LONG_TEXT.replace("\n", " ") not in tr.text, "the worklist row shows only an excerpt")
            link.click()
            shown = WebDriverWait(driver, 30).until(EC.presence_of_element_located((By.ID, "text")))
            check(shown.text == LONG_TEXT, "the dispute page shows the whole message with its line breaks",
                  f"{len(shown.text)} of {len(LONG_TEXT)} chars")
            check(driver.find_element(By.ID, "dispute-id").text == LONG_ID, "the page is the clicked dispute's", driver.current_url)
            check(re.search(r"4\D?321\.50", driver.page_source) and re.search(r"20\D?000\.00", driver.page_source),
                  "its facts are shown")
            check(driver.execute_script("return document.querySelectorAll('script, b').length") == 0,
                  "the message's markup is text")
            driver.save_screenshot(os.path.join(args.results, "dispute.png"))
            driver.find_element(By.ID, "back").click()
            WebDriverWait(driver, 30).until(EC.presence_of_element_located((By.CSS_SELECTOR, "tr[data-id]")))
            check("customer=C-LONG" in driver.current_url and [r for r, _ in rows(driver)] == [LONG_ID],
                  "back to the worklist with its filters", driver.current_url)
        except Exception as error:
            check(False, "the dispute page", f"{type(error).__name__}: {error}")

        # 9. A refused form comes back to its page with a notice; signing in returns to the page.
        try:
            status, _ = api(base, admin, "POST", f"/v1/disputes/{LONG_ID}/resolve", {"resolution": "rejected"})
            check(status == 200, "resolve the long dispute through the API", f"{status}")
            page = f"{base}/disputes/{LONG_ID}?return=status%3Dopen"
            driver.get(page)
            snooze = WebDriverWait(driver, 30).until(
                EC.presence_of_element_located((By.XPATH, "//button[normalize-space()='Snooze 1 day']")))
            snooze.click()
            WebDriverWait(driver, 30).until(EC.staleness_of(snooze))
            alert = WebDriverWait(driver, 30).until(EC.presence_of_element_located((By.CSS_SELECTOR, "p.error")))
            check("resolved" in alert.text and driver.find_element(By.ID, "dispute-id").text == LONG_ID,
                  "snoozing a resolved dispute comes back to its page with the refusal", alert.text)
            check(not driver.find_element(By.TAG_NAME, "body").text.lstrip().startswith("{"), "no JSON is shown")
            highlight(driver, alert)
            driver.save_screenshot(os.path.join(args.results, "dispute-refused.png"))
            driver.delete_cookie("desk_session")
            driver.get(page)
            token_input = WebDriverWait(driver, 30).until(EC.presence_of_element_located((By.NAME, "token")))
            token_input.send_keys(args.collector_token)
            driver.find_element(By.CSS_SELECTOR, "form.login button[type=submit]").click()
            shown = WebDriverWait(driver, 30).until(EC.presence_of_element_located((By.ID, "dispute-id")))
            check(shown.text == LONG_ID and driver.current_url == page,
                  "signed out on the dispute page, signing in returns to it", driver.current_url)
        except Exception as error:
            check(False, "a refused form and signing in again", f"{type(error).__name__}: {error}")

        ok, alert_text = no_alert(driver)
        check(ok, "no alert dialog after the posts", alert_text)
        console = driver.get_log("browser")
    finally:
        driver.quit()

    # 5. The log holds the page's events, in order, by the collector.
    log_after, _ = feedback_log(base, admin, 1000)
    new = log_after[len(log_before):]
    seqs = [e["seq"] for e in log_after]
    check(seqs == list(range(1, len(seqs) + 1)), "log sequence is gapless from 1", f"{len(seqs)} events")
    expected = [(target, True, None)] * urgent_clicks + ([(corrected, None, new_subject)] if corrected_ok else [])
    got = [(e["dispute_id"], e["feedback"].get("urgent") if e["dispute_id"] == target else None,
            e["feedback"].get("subject") if e["dispute_id"] == corrected else None) for e in new]
    check(got == expected, "the log holds exactly the page's events", f"expected {expected}, got {got}")
    check(all(e["actor"].startswith("token:") and e["feedback"].get("id") == e["dispute_id"] for e in new),
          "events carry the actor and the dispute as recorded")
    check(len({e["idempotency_key"] for e in new}) == len(new), "each click has its own idempotency key")
    status, model = api(base, admin, "GET", "/v1/model")
    check(status == 200 and model["applied_seq"] == model["log_head"] == len(seqs), "model applied every logged event", json.dumps(model))

    # 7. Console.
    for entry in console:
        print(f"INFO  console {entry['level']}: {entry['message']}")
    errors = [e for e in console if e["level"] == "SEVERE"]
    check(not errors, "no console errors", "; ".join(e["message"] for e in errors))

    print(f"screenshots: {args.results}/worklist-login.png worklist.png worklist-xss.png worklist-after-urgent.png worklist-after-correct.png dispute.png dispute-refused.png")
    print(f"browser test: {'FAILED: ' + ', '.join(failures) if failures else 'all checks passed'}")
    return 1 if failures else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (TimeoutException, Exception) as error:  # report any crash of the test itself as a failure
        print(f"FAIL  browser test crashed: {type(error).__name__}: {error}")
        sys.exit(2)
