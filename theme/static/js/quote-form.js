/*
 * The quote request form, enhanced: GOV.UK-style validation on submit.
 *
 * Without this script the form still works: the browser checks required
 * fields and formats itself, and posts the form. With it, the form is checked
 * when it is submitted; an error summary at the top links to each problem,
 * each field shows its own message, and nothing is sent until all is valid.
 *
 * The wording lives in the HTML: a field's data-error-required,
 * data-error-format and data-error-past attributes hold its messages.
 *
 * A product page's button opens the form as /quote/?service=<value>: the
 * script chooses that service, if the list offers it.
 */
(function () {
  "use strict";

  const form = document.querySelector("[data-hub-quote-form]");
  const summary = document.querySelector("[data-hub-error-summary]");
  if (!form || !summary) {
    return;
  }
  const summaryList = summary.querySelector(".hub-error-summary__list");
  const fields = Array.from(
    form.querySelectorAll(
      "[data-error-required], [data-error-format], [data-error-past]",
    ),
  );
  const pageTitle = document.title;
  const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  let sending = false;

  function today() {
    const now = new Date();
    const pad = (number) => String(number).padStart(2, "0");
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }

  // The call-to-action link says which article the visitor came from.
  function fillSourceArticle() {
    const field = form.querySelector('input[name="source_article"]');
    const slug = new URLSearchParams(window.location.search).get(
      "source_article",
    );
    if (field && slug && slug.length <= 200 && SLUG.test(slug)) {
      field.value = slug;
    }
  }

  function chooseService() {
    const list = form.querySelector('select[name="service"]');
    const service = new URLSearchParams(window.location.search).get("service");
    const offered = list && Array.from(list.options).some(
      (option) => option.value !== "" && option.value === service,
    );
    if (offered) {
      list.value = service;
    }
  }

  function problemWith(field) {
    const validity = field.validity;
    const empty =
      field.type === "checkbox" ? !field.checked : field.value.trim() === "";
    if (field.required && (validity.valueMissing || empty)) {
      return "required";
    }
    if (validity.badInput || validity.typeMismatch) {
      return "format";
    }
    if (validity.rangeUnderflow) {
      return "past";
    }
    return validity.valid ? null : "other";
  }

  function messageFor(field, problem) {
    return field.getAttribute(`data-error-${problem}`) || field.validationMessage;
  }

  function labelFor(field) {
    return form.querySelector(`label[for="${CSS.escape(field.id)}"]`);
  }

  function groupOf(field) {
    return field.closest(".hub-form-group");
  }

  function clearErrors() {
    for (const message of form.querySelectorAll(".hub-error-message")) {
      message.remove();
    }
    for (const field of fields) {
      groupOf(field).classList.remove("hub-form-group--error");
      field.classList.remove("hub-input--error");
      field.removeAttribute("aria-invalid");
      const describedBy = field.dataset.hubDescribedby;
      if (describedBy) {
        field.setAttribute("aria-describedby", describedBy);
      } else {
        field.removeAttribute("aria-describedby");
      }
    }
    summaryList.replaceChildren();
    summary.hidden = true;
    document.title = pageTitle;
  }

  function showInlineError(field, text) {
    const message = document.createElement("p");
    message.className = "hub-error-message";
    message.id = `${field.id}-error`;
    const prefix = document.createElement("span");
    prefix.className = "hub-visually-hidden";
    prefix.textContent = "Error: ";
    message.append(prefix, text);
    const before = field.closest(".hub-checkbox") || field;
    before.before(message);
    groupOf(field).classList.add("hub-form-group--error");
    field.classList.add("hub-input--error");
    field.setAttribute("aria-invalid", "true");
    const describedBy = [field.dataset.hubDescribedby, message.id];
    field.setAttribute("aria-describedby", describedBy.join(" ").trim());
  }

  function addToSummary(field, text) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = `#${field.id}`;
    link.textContent = text;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      (labelFor(field) || field).scrollIntoView();
      field.focus({ preventScroll: true });
    });
    item.append(link);
    summaryList.append(item);
  }

  function showErrors(problems) {
    for (const [field, problem] of problems) {
      const text = messageFor(field, problem);
      showInlineError(field, text);
      addToSummary(field, text);
    }
    summary.hidden = false;
    document.title = `Error: ${pageTitle}`;
    summary.focus();
  }

  form.addEventListener("submit", (event) => {
    clearErrors();
    const problems = fields
      .map((field) => [field, problemWith(field)])
      .filter(([, problem]) => problem !== null);
    if (problems.length > 0 || sending) {
      event.preventDefault();
    }
    if (problems.length > 0) {
      showErrors(problems);
      return;
    }
    sending = true;
  });

  // Coming back with the browser's back button: the form can be sent again.
  window.addEventListener("pageshow", () => {
    sending = false;
  });

  for (const field of fields) {
    field.dataset.hubDescribedby = field.getAttribute("aria-describedby") || "";
    if (field.type === "date" && field.hasAttribute("data-error-past")) {
      field.min = today();
    }
  }
  fillSourceArticle();
  chooseService();
  form.noValidate = true;
})();
