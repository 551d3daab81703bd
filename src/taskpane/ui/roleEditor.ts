/**
 * The role editor: one row per column of the data with a select for its role (unit id, period,
 * group, subsystem 1/2/..., driving factor, geodetector y, ignore) and, for indicators, a
 * direction (+ benefit / − cost); for factors, a kind (auto: METHODS.md M8's rule; numeric;
 * categorical), written to the roles as `{ "column": ..., "kind": ... }`. Subsystems are named in text fields; "Add subsystem" adds
 * one more. The state converts to and from the roles file shape of src/report/roles.ts.
 */
import type { Cell } from "../../report/csv";
import { Direction, FactorKind, FactorRoleFile, IndicatorRole, parseRoles, Roles, RolesFile } from "../../report/roles";
import { headerTexts } from "../dataShape";
import { clear, el } from "./dom";
import { t } from "./i18n";

/** "sub0", "sub1", ... are the subsystems (0-based). */
export type ColumnRole = "ignore" | "id" | "time" | "group" | "factor" | "y" | `sub${number}`;

export interface ColumnAssignment {
  /** Header text as in the data (trimmed). */
  column: string;
  role: ColumnRole;
  direction: Direction;
  factorKind?: FactorKind;
  /** The direction was guessed from the name (e.g. 排放, unemployment): shown marked for review. */
  review?: boolean;
}

export interface RoleState {
  columns: ColumnAssignment[];
  subsystemNames: string[];
}

/** Editor state from validated roles (or a roles file / JSON text, validated against `headers`). */
export function stateFromRoles(headersIn: ArrayLike<Cell | undefined>, rolesIn: Roles | RolesFile | string): RoleState {
  return stateFromParsedRoles(headersIn, parseRoles(rolesIn, headerTexts(headersIn)));
}

/** Editor state from roles as they are, not validated (e.g. guessRoles' guess with one subsystem). */
export function stateFromParsedRoles(headersIn: ArrayLike<Cell | undefined>, roles: Roles): RoleState {
  const headers = headerTexts(headersIn);
  const columns: ColumnAssignment[] = headers.map((column) => ({ column, role: "ignore", direction: "+" }));
  const set = (name: string | undefined, role: ColumnRole, extra: Partial<ColumnAssignment> = {}) => {
    if (name === undefined) return;
    const j = headers.indexOf(name);
    if (j >= 0) columns[j] = { ...columns[j], role, ...extra };
  };
  let subsystemNames: string[] = [];
  if (roles.kind === "panel") {
    set(roles.id, "id");
    set(roles.time, "time");
    set(roles.group, "group");
    roles.subsystems.forEach((s, i) => s.indicators.forEach((ind) => set(ind.column, `sub${i}`, { direction: ind.direction })));
    subsystemNames = roles.subsystems.map((s) => s.name);
  } else {
    set(roles.y, "y");
    set(roles.id, "id");
    set(roles.group, "group");
  }
  for (const f of roles.factors) set(f.column, "factor", f.kind ? { factorKind: f.kind } : {});
  // the guess's "Subsystem 1" in the pane's language ("子系统 1")
  subsystemNames = subsystemNames.map((n, i) => (n === `Subsystem ${i + 1}` ? defaultName(i) : n));
  while (subsystemNames.length < 2) subsystemNames.push(defaultName(subsystemNames.length));
  return { columns, subsystemNames };
}

/**
 * The roles file of an editor state: geodetector-only when a column is "Geodetector y", else
 * a panel. Subsystems without indicators are left out (parseRoles then says if fewer than two
 * remain). Not validated: call `parseRoles(file, headers)`.
 */
export function stateToRolesFile(state: RoleState): RolesFile {
  const first = (role: ColumnRole) => state.columns.find((c) => c.role === role && c.column !== "")?.column;
  const factors: FactorRoleFile[] = state.columns
    .filter((c) => c.role === "factor" && c.column !== "")
    .map((c) => (c.factorKind ? { column: c.column, kind: c.factorKind } : c.column));
  const y = first("y");
  if (y !== undefined) {
    const g: RolesFile = { y, factors };
    const id = first("id");
    const group = first("group");
    if (id !== undefined) g.id = id;
    if (group !== undefined) g.group = group;
    return g;
  }
  const subsystems: Record<string, IndicatorRole[]> = {};
  state.subsystemNames.forEach((rawName, i) => {
    const inds = state.columns.filter((c) => c.role === `sub${i}` && c.column !== "").map((c) => ({ column: c.column, direction: c.direction }));
    if (inds.length === 0) return;
    let name = rawName.trim() || defaultName(i);
    while (name in subsystems) name = `${name} (${i + 1})`;
    subsystems[name] = inds;
  });
  const file: RolesFile = { id: first("id") ?? "", time: first("time") ?? "", subsystems };
  const group = first("group");
  if (group !== undefined) file.group = group;
  if (factors.length > 0) file.factors = factors;
  return file;
}

/** Validated roles of the state against the headers (throws the CoordError of parseRoles). */
export function stateToRoles(state: RoleState): Roles {
  return parseRoles(
    stateToRolesFile(state),
    state.columns.map((c) => c.column),
  );
}

/** The name of subsystem i (0-based) until the user names it: "Subsystem 1" / "子系统 1". */
function defaultName(i: number): string {
  return t("roleSubsystemShort", { n: i + 1 });
}

/** The select's options for a column. */
function roleOptions(state: RoleState): Array<[ColumnRole, string]> {
  const opts: Array<[ColumnRole, string]> = [
    ["id", t("roleId")],
    ["time", t("rolePeriod")],
    ["group", t("roleGroup")],
  ];
  // short labels ("Subsystem 2") so that the select is never truncated; the name is shown under it
  state.subsystemNames.forEach((_, i) => opts.push([`sub${i}`, t("roleSubsystemShort", { n: i + 1 })]));
  opts.push(["factor", t("roleFactor")], ["y", t("roleY")], ["ignore", t("roleIgnore")]);
  return opts;
}

export interface RoleEditor {
  element: HTMLElement;
  getState(): RoleState;
  setState(state: RoleState): void;
  /** Called after every change by the user. */
  onChange?: (state: RoleState) => void;
}

/** Build the editor (a table of columns and a list of subsystem names). */
export function createRoleEditor(initial: RoleState, messages: string[] = []): RoleEditor {
  let state: RoleState = clone(initial);
  const element = el("div", { className: "cl-roles", attrs: { "data-part": "roles" } });
  const editor: RoleEditor = {
    element,
    getState: () => clone(state),
    setState: (s) => {
      state = clone(s);
      render();
    },
  };
  const changed = () => editor.onChange?.(clone(state));

  /** Rows selected for a bulk change (column indices); the anchor of a shift-click range. */
  const selected = new Set<number>();
  let anchor = -1;
  const subName = (i: number) => state.subsystemNames[i]?.trim() || defaultName(i);
  /** Refresh the subsystem names shown in the rows, without rebuilding anything (keeps focus). */
  function refreshNames(): void {
    element.querySelectorAll<HTMLElement>("[data-subname]").forEach((span) => {
      const j = Number(span.getAttribute("data-subname"));
      const role = state.columns[j].role;
      const text = role.startsWith("sub") ? subName(Number(role.slice(3))) : "";
      span.textContent = text;
      span.title = text;
    });
  }

  function render(): void {
    clear(element);
    if (messages.length > 0)
      element.appendChild(
        el(
          "ul",
          { className: "cl-notes" },
          messages.map((m) => el("li", { text: m })),
        ),
      );

    // subsystem names: edited in place (no redraw while typing, so Tab moves on to the next field)
    const names = el("div", { className: "cl-subsystems" }, [el("div", { className: "cl-label", text: t("subsystemNames") })]);
    state.subsystemNames.forEach((name, i) => {
      const input = el("input", { attrs: { type: "text", value: name, "data-subsystem": i, "aria-label": t("roleSubsystemShort", { n: i + 1 }) } });
      input.value = name;
      input.addEventListener("input", () => {
        state.subsystemNames[i] = input.value;
        refreshNames();
      });
      input.addEventListener("change", () => {
        state.subsystemNames[i] = input.value;
        refreshNames();
        changed();
      });
      names.appendChild(el("label", { className: "cl-subsystem-name" }, [`${i + 1}. `, input]));
    });
    names.appendChild(
      el("button", {
        className: "cl-button cl-secondary",
        text: t("addSubsystem"),
        attrs: { type: "button", "data-action": "add-subsystem" },
        on: {
          click: () => {
            state.subsystemNames.push(defaultName(state.subsystemNames.length));
            render();
            changed();
          },
        },
      }),
    );
    element.appendChild(names);

    // bulk change of the selected rows
    const opts = roleOptions(state);
    const bulkRole = el("select", { attrs: { "data-bulk": "role", "aria-label": t("bulkRole") } }, [
      el("option", { text: t("bulkRole"), attrs: { value: "" } }),
      ...opts.map(([value, label]) => el("option", { text: label, attrs: { value } })),
    ]);
    const bulkDir = el("select", { attrs: { "data-bulk": "direction", "aria-label": t("direction") } }, [
      el("option", { text: t("direction"), attrs: { value: "" } }),
      el("option", { text: "+", attrs: { value: "+" } }),
      el("option", { text: "−", attrs: { value: "-" } }),
    ]);
    const count = el("span", { className: "cl-muted", attrs: { "data-part": "selected-count" } });
    const bulk = el("div", { className: "cl-bulk", attrs: { "data-part": "bulk" } }, [count, bulkRole, bulkDir]);
    const updateBulk = () => {
      count.textContent = t("selectedCount", { n: selected.size });
      bulkRole.disabled = bulkDir.disabled = selected.size === 0;
      element.querySelectorAll<HTMLTableRowElement>("tr[data-row]").forEach((tr) => {
        const j = Number(tr.getAttribute("data-row"));
        tr.classList.toggle("cl-selected", selected.has(j));
        const box = tr.querySelector<HTMLInputElement>("input[data-select]");
        if (box) box.checked = selected.has(j);
      });
    };
    const applyBulk = (patch: Partial<ColumnAssignment>) => {
      for (const j of selected) {
        state.columns[j] = { ...state.columns[j], ...patch };
        if (patch.direction) delete state.columns[j].review;
      }
      selected.clear();
      render();
      changed();
    };
    bulkRole.addEventListener("change", () => bulkRole.value && applyBulk({ role: bulkRole.value as ColumnRole }));
    bulkDir.addEventListener("change", () => bulkDir.value && applyBulk({ direction: bulkDir.value as Direction }));
    element.appendChild(el("p", { className: "cl-muted cl-small", text: t("bulkHint") }));
    element.appendChild(bulk);

    /** Click: select this row only; shift-click: the range from the last click; ctrl/⌘-click or the box: toggle. */
    const pick = (j: number, ev: MouseEvent, toggle: boolean) => {
      const visible = state.columns.map((c, k) => (c.column === "" ? -1 : k)).filter((k) => k >= 0);
      if (ev.shiftKey && anchor >= 0) {
        const [lo, hi] = [Math.min(visible.indexOf(anchor), visible.indexOf(j)), Math.max(visible.indexOf(anchor), visible.indexOf(j))];
        if (!(ev.ctrlKey || ev.metaKey)) selected.clear();
        for (let k = lo; k <= hi; k++) selected.add(visible[k]);
      } else if (toggle || ev.ctrlKey || ev.metaKey) {
        if (selected.has(j)) selected.delete(j);
        else selected.add(j);
        anchor = j;
      } else {
        const only = selected.size === 1 && selected.has(j);
        selected.clear();
        if (!only) selected.add(j);
        anchor = j;
      }
      updateBulk();
    };

    // one row per column
    const tbody = el("tbody");
    state.columns.forEach((c, j) => {
      if (c.column === "") return;
      const box = el("input", { attrs: { type: "checkbox", "data-select": j, "aria-label": `${t("selectRow")}: ${c.column}` } });
      box.addEventListener("click", (ev) => {
        ev.preventDefault();
        pick(j, ev, true);
      });
      const select = el("select", { attrs: { "data-column": j, "aria-label": `${t("role")}: ${c.column}` } });
      for (const [value, label] of opts) select.appendChild(el("option", { text: label, attrs: { value } }));
      select.value = c.role;
      const subLabel = el("span", { className: "cl-subname", attrs: { "data-subname": j } });
      const dir = el("select", { className: "cl-dir", attrs: { "data-direction": j, "aria-label": `${t("direction")}: ${c.column}` } }, [
        el("option", { text: "+", attrs: { value: "+" } }),
        el("option", { text: "−", attrs: { value: "-" } }),
      ]);
      dir.value = c.direction;
      dir.disabled = !c.role.startsWith("sub");
      const mark = el("span", {
        className: "cl-review",
        text: c.review && c.role.startsWith("sub") ? "?" : "",
        attrs: { title: t("reviewCost"), "data-review": c.review ? "true" : null },
      });
      select.addEventListener("change", () => {
        state.columns[j].role = select.value as ColumnRole;
        dir.disabled = !select.value.startsWith("sub");
        row.setAttribute("data-role", select.value);
        refreshNames();
        changed();
      });
      dir.addEventListener("change", () => {
        state.columns[j].direction = dir.value as Direction;
        delete state.columns[j].review;
        mark.textContent = "";
        mark.removeAttribute("data-review");
        row.setAttribute("data-dir", dir.value);
        changed();
      });
      const name = el("td", { className: "cl-colname", text: c.column, attrs: { title: c.column } });
      name.addEventListener("click", (ev) => pick(j, ev, false));
      const row = el("tr", { attrs: { "data-row": j, "data-role": c.role, "data-dir": c.direction } }, [
        el("td", { className: "cl-pick" }, [box]),
        name,
        el("td", { className: "cl-rolecell" }, [select, subLabel]),
        el("td", { className: "cl-dircell" }, [dir, mark]),
      ]);
      tbody.appendChild(row);
    });
    const head = el("thead", {}, [
      el("tr", {}, [el("th", { text: "" }), el("th", { text: t("column") }), el("th", { text: t("role") }), el("th", { text: t("direction") })]),
    ]);
    element.appendChild(el("div", { className: "cl-table-wrap" }, [el("table", { className: "cl-role-table" }, [head, tbody])]));
    refreshNames();
    updateBulk();
  }

  render();
  return editor;
}

function clone(s: RoleState): RoleState {
  return { columns: s.columns.map((c) => ({ ...c })), subsystemNames: [...s.subsystemNames] };
}
