// Progressive enhancement only: every page works without this file.
import { initAll } from "./govuk-frontend.min.js";

initAll();

// Read-aloud buttons on the children's pages: the browser's own speech, nothing sent
// anywhere. Without speech (or without JavaScript) there is no button at all.
if ("speechSynthesis" in window) {
  for (const element of document.querySelectorAll("[data-read-aloud]")) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "govuk-button govuk-button--secondary portal-read-aloud";
    button.textContent = element.dataset.readAloud;
    button.addEventListener("click", () => {
      const text = document.querySelector(element.dataset.readAloudTarget || "main").innerText;
      const speech = new SpeechSynthesisUtterance(text);
      speech.lang = document.documentElement.lang;
      window.speechSynthesis.cancel();
      window.speechSynthesis.speak(speech);
    });
    element.append(button);
  }
}

// "Print your card" on a child's confirmation page (printing shows only the card).
for (const place of document.querySelectorAll("[data-print-card]")) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "govuk-button govuk-button--secondary";
  button.textContent = place.dataset.printCard;
  button.addEventListener("click", () => window.print());
  place.append(button);
}
