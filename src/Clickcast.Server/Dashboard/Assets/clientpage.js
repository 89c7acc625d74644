// The client lookup page (#/t/{tenant}/{task}/clients/{client}): one client's score, where it ranks, the model that
// gave it, the chain the model read, and the tokens of that chain that moved the score.
"use strict";
const ClientPage = (() => {
  const href = (tenant, task, client) => `#/t/${encodeURIComponent(tenant)}/${encodeURIComponent(task)}/clients/${encodeURIComponent(client)}`;

  // The "Look up a client" box, for the task page and this one.
  function search(tenant, task, value) {
    const input = h("input", { id: "client-id", type: "search", placeholder: "client id", autocomplete: "off", value: value ?? null, "aria-label": "client id" });
    return h("form", { class: "row lookup", "data-testid": "client-search", onsubmit: e => {
      e.preventDefault();
      const id = input.value.trim();
      if (id) location.hash = href(tenant, task, id);
    } }, h("label", { for: "client-id" }, "Look up a client"), input, h("button", { type: "submit", id: "client-go" }, "Look up"));
  }

  const effect = v => `${v >= 0 ? "+" : ""}${(100 * v).toFixed(2)} pp`;

  async function render(tenant, task, client) {
    const taskHref = `#/t/${encodeURIComponent(tenant)}/${encodeURIComponent(task)}`;
    crumbs([[tenant, "#/"], [task, taskHref], [`client ${client}`, null]]);
    const base = `/api/tenants/${encodeURIComponent(tenant)}/tasks/${encodeURIComponent(task)}`;
    const score = await api(`${base}/predictions/clients/${encodeURIComponent(client)}?top=10`);
    if (!score) {
      view.replaceChildren(card("Client lookup", search(tenant, task, client),
        h("p", { "data-testid": "client-missing" }, `No score for client ${client} in ${tenant}/${task}. `,
          h("span", { class: "muted" }, "Either the id is not one the CDP sent, or the client has not been scored yet (scores appear after a scoring run that follows its first events)."))));
      return;
    }
    const p = score.prediction, chain = score.chain ?? [], moved = score.topUrls ?? [];
    const movers = new Set(moved.map(t => t.token));
    const read = chain.filter(e => e.observed).length;
    const header = h("section", { class: "card" },
      h("h1", {}, `Client ${p.clientId}`), search(tenant, task, client),
      h("div", { class: "row" },
        stat(fmt(p.probability), "probability", "client-probability"),
        stat(fmt(p.percentile, 1), "percentile (100 = most likely)", "client-percentile"),
        stat(p.bucket, "bucket", "client-bucket"),
        stat(p.aboveThreshold ? "yes" : "no", "above the task's threshold", "client-above"),
        stat(`v${p.modelVersion}`, "model version", "client-model"),
        stat(when(p.scoredAt), "scored at (UTC)", "client-scored-at"),
        stat(int(score.events), "events kept", "client-events")));
    const factors = card("Tokens that moved this client's score (probability with the token minus without it)",
      moved.length ? table(["Token", "Direction", "Effect"], moved.map(t => [t.token, t.meanEffect >= 0 ? "raises" : "lowers",
        h("span", { class: t.meanEffect >= 0 ? "raise" : "lower", "data-effect": t.meanEffect }, effect(t.meanEffect))]), "client-factors")
        : h("p", { class: "muted", "data-testid": "client-factors" }, "No tokens to show: the client's chain or the model that scored it is gone."));
    const rows = chain.map((e, i) => h("tr", { class: e.observed ? "observed" : "unobserved", "data-observed": String(e.observed) },
      h("td", { class: "num" }, String(chain.length - i)), h("td", {}, when(e.at)), h("td", {}, e.eventType),
      h("td", {}, movers.has(e.token) ? h("b", {}, e.token) : e.token), h("td", {}, e.observed ? "read" : "not read")));
    const chainCard = card(`Chain: newest ${int(chain.length)} of ${int(score.events)} events kept, newest last`,
      h("p", { class: "muted", "data-testid": "client-chain-note" }, `The model read ${int(read)} of these events (its observed window and length cap); the others are shown faded. Tokens in bold moved the score.`),
      chain.length ? h("table", { "data-testid": "client-chain" }, h("thead", {}, h("tr", {}, ["# from newest", "Time (UTC)", "Event type", "Token", "Model"].map((c, i) => h("th", { class: i === 0 ? "num" : null }, c)))), h("tbody", {}, rows))
        : h("p", { class: "muted" }, "The chain is not available (the sequences were rebuilt without this client)."));
    view.replaceChildren(header, factors, chainCard);
  }

  return { render, search, href };
})();
