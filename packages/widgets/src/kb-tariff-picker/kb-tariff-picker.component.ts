import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import {
  RefusedError,
  createIdempotencyKey,
  formatMoney,
  parsePhone,
  type Balance,
  type Me,
  type Money,
  type Msisdn,
  type ResourceState,
  type Tariff,
  type TariffChange,
  type TariffList,
} from '@kabinet/client';
import { KabinetController } from '../shared/kabinet-controller.js';
import { tariffsMessages } from './messages.js';
import { ResourceController } from '../shared/resource-controller.js';
import { MutationController } from '../shared/mutation-controller.js';
import { loadVirtualizer, type VirtualizerModule } from '../shared/lazy-virtualizer.js';
import { explain } from '../shared/problem.js';
import { emit } from '../shared/events.js';
import { collator, formatAsOf, formatBillingDate } from '../shared/intl.js';
import { styleProps } from '../shared/style-props.js';
import { alertIcon, checkIcon, refreshIcon } from '../shared/icons.js';
import { DATA_STEPS, NO_FILTER, SORTS, UNLIMITED_FILTERS, applyFilter, isFiltered, parseRubles, type TariffFilter, type TariffSort, type UnlimitedFilter } from './tariff-filter.js';
import { optionsLine, packageText, packagesLine } from './tariff-facts.js';
import styles from './kb-tariff-picker.styles.js';

/** Catalogs longer than this are virtualized: only the rows in view exist in the DOM. */
export const VIRTUALIZE_FROM = 40;
/** At most this many tariffs side by side. */
export const COMPARE_MAX = 3;
/** Skeleton rows while loading: as tall as the list box, so nothing moves when data arrives. */
const SKELETON_ROWS = 4;
/** A row's usual height, for sizing a virtualized list of a few rows. */
const ESTIMATED_ROW_EM = 9;
/**
 * Virtualized rows are keyed by position: when a keystroke refilters the
 * list, the rows in view keep their DOM and only their texts change, instead
 * of a dozen rows being built from scratch inside the frame.
 */
const rowKey = (_tariff: unknown, index: number) => index;

type Dialog = { kind: 'compare' } | { kind: 'confirm'; tariff: Tariff; key: string } | null;

/**
 * @summary The tariffs a number may switch to: filter, sort, compare up to
 * three side by side, and switch with a confirmation that shows the cost and
 * when it takes effect. Follows the provider's active number.
 *
 * @example
 * <kb-provider api-base="https://api.example.ru">
 *   <kb-tariff-picker></kb-tariff-picker>
 * </kb-provider>
 *
 * @fires kb-tariff-change - The tariff changed or a switch was scheduled; `detail.from`, `detail.to`, `detail.status`, `detail.effectiveAt`, `detail.charged`.
 * @fires kb-error - The catalog could not be loaded, or a switch failed for a reason other than a business rule; `detail.code`, `detail.message`.
 *
 * @csspart base - The card.
 * @csspart header - Title, region, the current tariff.
 * @csspart title - The title.
 * @csspart body - Toolbar, list and compare tray.
 * @csspart toolbar - Filters and sort.
 * @csspart label - Field and filter group labels.
 * @csspart input - The fee fields and the sort select.
 * @csspart chip - A filter chip.
 * @csspart list - The scrolling list of tariffs.
 * @csspart tariff - One tariff row.
 * @csspart tariff-current - The row of the current tariff (beside `tariff`).
 * @csspart badge - "Current" and "From <date>" badges.
 * @csspart amount - A monthly fee; the balance after a switch, in the confirmation.
 * @csspart compare-tray - The bar that appears with tariffs chosen to compare.
 * @csspart compare-table - The side-by-side table.
 * @csspart dialog - The comparison and confirmation dialogs.
 * @csspart button - Every button.
 * @csspart button-primary - "Compare" in the compare tray and "Switch tariff" in the confirmation.
 * @csspart notice - The result of the last switch.
 * @csspart error - Error, refusal and stale-data messages.
 * @csspart skeleton - Loading placeholders.
 * @csspart footer - "As of" and refresh.
 *
 * @cssprop --kb-tariff-list-height - Height of the tariff list before it scrolls (default 30em).
 * @cssprop --kb-color-accent - The chosen row, chips that are on, the primary button.
 * @cssprop --kb-color-success - The "Current" badge and the result notice.
 */
export default class KbTariffPicker extends LitElement {
  static override styles = styles;

  static override properties = {
    msisdn: { type: String, reflect: true },
    feeMinText: { state: true },
    feeMaxText: { state: true },
    dataMinGb: { state: true },
    unlimited: { state: true },
    sort: { state: true },
    selectedId: { state: true },
    compareIds: { state: true },
    dialog: { state: true },
    notice: { state: true },
    announcement: { state: true },
    virtualizer: { state: true },
  };

  /** Show this number's tariffs instead of the provider's active number (any common format). */
  declare msisdn: string | undefined;
  declare protected feeMinText: string;
  declare protected feeMaxText: string;
  declare protected dataMinGb: number;
  declare protected unlimited: readonly UnlimitedFilter[];
  declare protected sort: TariffSort;
  /** The checked row of the radio group; the current tariff until the person picks another. */
  declare protected selectedId: string | null;
  declare protected compareIds: readonly string[];
  declare protected dialog: Dialog;
  declare protected notice: string;
  declare protected announcement: string;
  declare protected virtualizer: VirtualizerModule | null;

  readonly #kabinet = new KabinetController(this, tariffsMessages);
  readonly #tariffs = new ResourceController<TariffList>(this);
  readonly #balance = new ResourceController<Balance>(this);
  /** Only while the number is unknown: a partner's session token says whose it is through the account. */
  readonly #me = new ResourceController<Me>(this);
  readonly #change = new MutationController(this, (signal: AbortSignal, msisdn: Msisdn, tariffId: string, key: string) =>
    this.#kabinet.client!.tariffs.change(msisdn, tariffId, { idempotencyKey: key, signal }),
  );
  #shown: Tariff[] = [];
  #shownFrom: unknown[] = [];
  /** Rows the virtualizer has in the DOM. */
  #range = { first: 0, last: -1 };
  #lastState: ResourceState<TariffList> | undefined;
  #lastMsisdn: Msisdn | null | undefined;
  #returnFocus: HTMLElement | null = null;
  #focusAfterRender: string | null = null;

  constructor() {
    super();
    this.feeMinText = '';
    this.feeMaxText = '';
    this.dataMinGb = 0;
    this.unlimited = [];
    this.sort = 'fee-asc';
    this.selectedId = null;
    this.compareIds = [];
    this.dialog = null;
    this.notice = '';
    this.announcement = '';
    this.virtualizer = null;
  }

  /** The number whose tariffs are shown, or `null` while unknown. */
  get shownMsisdn(): Msisdn | null {
    return (this.msisdn ? parsePhone(this.msisdn) : null) ?? this.#kabinet.activeMsisdn;
  }

  /** The filter in force, from the toolbar. */
  get filter(): TariffFilter {
    const feeMin = parseRubles(this.feeMinText);
    const feeMax = parseRubles(this.feeMaxText);
    return {
      feeMin: feeMin === 'invalid' ? null : feeMin,
      feeMax: feeMax === 'invalid' ? null : feeMax,
      dataMinGb: this.dataMinGb,
      unlimited: this.unlimited,
      sort: this.sort,
    };
  }

  protected override willUpdate(): void {
    const client = this.#kabinet.client;
    const signedIn = client?.session.status === 'signed-in';
    const msisdn = this.shownMsisdn;
    this.#me.bind(client && signedIn && !msisdn ? client.store.me() : undefined);
    if (signedIn && this.#me.state?.status === 'idle') this.#me.load();
    this.#tariffs.bind(client && signedIn && msisdn ? client.store.tariffs(msisdn) : undefined);
    this.#balance.bind(client && signedIn && msisdn ? client.store.balance(msisdn) : undefined);
    if (signedIn && this.#tariffs.state?.status === 'idle') this.#tariffs.load();
    if (signedIn && this.#balance.state?.status === 'idle') this.#balance.load();
    // Another number (the attribute, a number switcher, another sign-in): its catalog, its choices.
    if (msisdn !== this.#lastMsisdn) {
      if (this.#lastMsisdn !== undefined) this.#resetChoices();
      this.#lastMsisdn = msisdn;
    }
    const data = this.#tariffs.state?.data;
    if (data && data.tariffs.length > VIRTUALIZE_FROM && !this.virtualizer) {
      void loadVirtualizer().then((module) => (this.virtualizer = module));
    }
    this.#refilter(data);
    this.#noticeTransition(this.#tariffs.state);
  }

  protected override updated(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && this.dialog && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>('[autofocus]')?.focus();
    } else if (dialog && !this.dialog && dialog.open) {
      dialog.close();
    }
    if (this.#focusAfterRender) void this.#focusRadio(this.#focusAfterRender);
  }

  /** Filters and sorts again only when the list, the filter or the language changed. */
  #refilter(data: TariffList | undefined): void {
    const inputs = [data?.tariffs, this.feeMinText, this.feeMaxText, this.dataMinGb, this.unlimited, this.sort, this.#kabinet.locale];
    if (inputs.every((value, index) => value === this.#shownFrom[index])) return;
    this.#shownFrom = inputs;
    this.#shown = data ? applyFilter(data.tariffs, this.filter, collator(this.#kabinet.locale)) : [];
    if (this.#range.last >= this.#shown.length) this.#range = { first: 0, last: Math.min(this.#range.last, this.#shown.length - 1) };
  }

  #resetChoices(): void {
    this.selectedId = null;
    this.compareIds = [];
    this.dialog = null;
    this.notice = '';
    this.#change.reset();
  }

  /** Announces load results once, when the state changes to them. */
  #noticeTransition(state: ResourceState<TariffList> | undefined): void {
    const previous = this.#lastState;
    this.#lastState = state;
    if (!state || state === previous || !previous) return;
    if (state.status === 'error' && previous.status !== 'error' && state.error) {
      const t = this.#kabinet.messages;
      const { code, message } = explain(state.error, t);
      this.announcement = state.data ? t.tariffs.stale : `${t.tariffs.error} ${message}`;
      if (!(state.error instanceof RefusedError) && code !== 'session_expired') emit(this, 'kb-error', { code, message, error: state.error });
    }
  }

  override render() {
    const t = this.#kabinet.messages;
    const client = this.#kabinet.client;
    const session = client?.session;
    const state = this.#tariffs.state;
    let content: TemplateResult;
    if (!client) content = this.#renderMessage(t.noProvider);
    else if (session?.status === 'expired') content = this.#renderMessage(t.tariffs.sessionExpired);
    else if (session?.status !== 'signed-in') content = this.#renderMessage(t.tariffs.signedOut);
    else if (state?.data && (state.data.tariffs.length <= VIRTUALIZE_FROM || this.virtualizer)) content = this.#renderReady(state.data, state);
    else if (state?.status === 'error' && state.error) content = this.#renderError(state.error);
    else content = this.#renderSkeleton();
    return html`${content}${this.#renderDialog()}<div role="status" class="visually-hidden">${this.announcement}</div>`;
  }

  // ---- states --------------------------------------------------------------

  #renderMessage(text: string, extra: TemplateResult | typeof nothing = nothing) {
    const t = this.#kabinet.messages;
    return html`
      <section part="base" class="base" aria-labelledby="title">
        <header part="header" class="header"><h2 part="title" class="title" id="title">${t.tariffs.title}</h2></header>
        <div part="body" class="body message"><p>${text}</p>${extra}</div>
      </section>
    `;
  }

  #renderError(error: unknown) {
    const t = this.#kabinet.messages;
    const { message } = explain(error, t);
    const refused = error instanceof RefusedError;
    return this.#renderMessage(
      '',
      html`<p part="error" class="note ${refused ? 'warning' : 'danger'}">${alertIcon()}<span>${refused ? message : `${t.tariffs.error} ${message}`}</span></p>
        ${refused ? nothing : html`<button part="button" type="button" @click=${() => this.#tariffs.refresh()}>${t.tryAgain}</button>`}`,
    );
  }

  #renderSkeleton() {
    const t = this.#kabinet.messages;
    const bar = (width: string) => html`<span part="skeleton" class="skeleton" style=${styleProps({ width })}>&nbsp;</span>`;
    return html`
      <section part="base" class="base" aria-labelledby="title" aria-busy="true">
        <header part="header" class="header">
          <h2 part="title" class="title" id="title">${t.tariffs.title}</h2>
          <p class="muted region">${bar('14em')}</p>
          <p class="current-line">${bar('18em')}</p>
        </header>
        <div part="body" class="body">
          ${this.#renderFilters()}
          <div class="count-line" aria-hidden="true"><p class="count muted">${bar('8em')}</p></div>
          <div part="list" class="scroll" aria-hidden="true">
            <div class="list">
              ${Array.from(
                { length: SKELETON_ROWS },
                () => html`<div class="row skeleton-row"><span>${bar('10em')}</span><span>${bar('6em')}</span><span>${bar('16em')}</span><span>${bar('90%')}</span></div>`,
              )}
            </div>
          </div>
        </div>
        <p class="visually-hidden">${t.loading}</p>
        <footer part="footer" class="footer">
          <button part="button" type="button" class="refresh" aria-disabled="true" aria-label=${t.refresh}>${refreshIcon()}</button>
        </footer>
      </section>
    `;
  }

  #renderReady(list: TariffList, state: ResourceState<TariffList>) {
    const t = this.#kabinet.messages;
    const locale = this.#kabinet.locale;
    const current = list.tariffs.find((tariff) => tariff.current);
    const stale = state.status === 'error';
    // Stale, the refresh button shows "Try again", which then names it (label in name, WCAG 2.5.3).
    return html`
      <section part="base" class="base" aria-labelledby="title" aria-busy=${state.refreshing ? 'true' : 'false'}>
        <header part="header" class="header">
          <h2 part="title" class="title" id="title" tabindex="-1">${t.tariffs.title}</h2>
          <p class="muted region">${list.region.name}</p>
          ${current
            ? html`<p class="current-line">
                <span class="muted">${t.tariffs.yourTariff}:</span> <strong>${current.name}</strong>
                <span class="muted">· ${t.tariffs.perMonth(formatMoney(current.monthlyFee, locale, { whole: true }))}</span>
              </p>`
            : nothing}
          ${list.scheduled
            ? html`<p class="note">${t.tariffs.scheduledNote(list.scheduled.to.name, formatBillingDate(list.scheduled.effectiveAt, locale))}</p>`
            : nothing}
        </header>
        <div part="body" class="body">
          ${this.notice ? html`<p part="notice" class="note success">${checkIcon()}<span>${this.notice}</span></p>` : nothing}
          ${stale ? html`<p part="error" class="note warning">${alertIcon()}<span>${t.tariffs.stale}</span></p>` : nothing}
          ${list.tariffs.length === 0
            ? html`<p class="empty">${t.tariffs.empty}</p>`
            : html`${this.#renderFilters()}${this.#renderCount(list)}${this.#renderList(list)}`}
          ${this.#renderCompareTray(list)}
        </div>
        <footer part="footer" class="footer">
          <p class="muted as-of">${state.updatedAt ? t.tariffs.asOf(formatAsOf(state.updatedAt, locale)) : nothing}</p>
          <button
            part="button"
            type="button"
            class="refresh"
            aria-label=${stale ? nothing : t.refresh}
            aria-disabled=${state.refreshing ? 'true' : 'false'}
            @click=${() => !state.refreshing && this.#tariffs.refresh()}
          >
            ${refreshIcon(state.refreshing)}${stale ? html`<span>${t.tryAgain}</span>` : nothing}
          </button>
        </footer>
      </section>
    `;
  }

  // ---- toolbar ---------------------------------------------------------------


  /** One end of the fee range; both point at the one error line below them. */
  #renderFeeField(name: string, label: string, text: string, invalid: boolean, rangeInvalid: boolean, set: (text: string) => void) {
    return html`<label class="fee-field">
      <span>${label}</span>
      <input
        part="input"
        name=${name}
        inputmode="numeric"
        autocomplete="off"
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${rangeInvalid ? 'fee-error' : nothing}
        .value=${live(text)}
        @input=${(event: InputEvent) => set((event.target as HTMLInputElement).value)}
      />
    </label>`;
  }

  #renderFilters() {
    const t = this.#kabinet.messages;
    const feeMinInvalid = parseRubles(this.feeMinText) === 'invalid';
    const feeMaxInvalid = parseRubles(this.feeMaxText) === 'invalid';
    const feeInvalid = feeMinInvalid || feeMaxInvalid;
    const chip = (type: 'radio' | 'checkbox', name: string, checked: boolean, label: string, onChange: () => void) => html`
      <label part="chip" class="chip">
        <input class="visually-hidden" type=${type} name=${name} .checked=${live(checked)} @change=${onChange} />
        <span class="chip-face">${type === 'checkbox' && checked ? checkIcon() : nothing}${label}</span>
      </label>
    `;
    return html`
      <div part="toolbar" class="toolbar" role="group" aria-label=${t.tariffs.filters}>
        <fieldset class="group fee">
          <legend part="label">${t.tariffs.fee}</legend>
          <div class="fee-fields">
            ${this.#renderFeeField('fee-min', t.tariffs.feeFrom, this.feeMinText, feeMinInvalid, feeInvalid, (text) => (this.feeMinText = text))}
            ${this.#renderFeeField('fee-max', t.tariffs.feeTo, this.feeMaxText, feeMaxInvalid, feeInvalid, (text) => (this.feeMaxText = text))}
          </div>
          <p part="error" class="error" id="fee-error">${feeInvalid ? t.tariffs.feeInvalid : ''}</p>
        </fieldset>
        <fieldset class="group">
          <legend part="label">${t.tariffs.dataVolume}</legend>
          <div class="chips">
            ${DATA_STEPS.map((gb) =>
              chip('radio', 'data', this.dataMinGb === gb, gb === 0 ? t.tariffs.dataAny : t.tariffs.dataAtLeast(gb), () => (this.dataMinGb = gb)),
            )}
          </div>
        </fieldset>
        <fieldset class="group">
          <legend part="label">${t.tariffs.unlimited}</legend>
          <div class="chips">
            ${UNLIMITED_FILTERS.map((kind) =>
              chip('checkbox', `unlimited-${kind}`, this.unlimited.includes(kind), t.tariffs.unlimitedFilter[kind], () => {
                this.unlimited = this.unlimited.includes(kind) ? this.unlimited.filter((other) => other !== kind) : [...this.unlimited, kind];
              }),
            )}
          </div>
        </fieldset>
        <div class="group sort">
          <label part="label" class="legend" for="sort">${t.tariffs.sort}</label>
          <select part="input" id="sort" name="sort" @change=${(event: Event) => (this.sort = (event.target as HTMLSelectElement).value as TariffSort)}>
            ${SORTS.map((sort) => html`<option value=${sort} ?selected=${this.sort === sort}>${t.tariffs.sortBy[sort]}</option>`)}
          </select>
        </div>
      </div>
    `;
  }

  #renderCount(list: TariffList) {
    const t = this.#kabinet.messages;
    return html`
      <div class="count-line">
        <p class="count muted">${t.tariffs.shown(this.#shown.length, list.tariffs.length)}</p>
        ${isFiltered(this.filter) ? html`<button part="button" type="button" class="link" @click=${() => this.#resetFilters()}>${t.tariffs.resetFilters}</button>` : nothing}
      </div>
    `;
  }

  #resetFilters(): void {
    this.feeMinText = '';
    this.feeMaxText = '';
    this.dataMinGb = NO_FILTER.dataMinGb;
    this.unlimited = NO_FILTER.unlimited;
  }

  // ---- the list --------------------------------------------------------------

  /** The checked tariff: the person's pick while it is shown, else the current tariff. */
  #checkedId(list: TariffList): string | null {
    const picked = this.selectedId ?? list.tariffs.find((tariff) => tariff.current)?.id ?? null;
    return picked;
  }

  /** The one radio in the tab order: the checked one when it is in the DOM, else the first row in the DOM. */
  #tabbableId(list: TariffList): string | null {
    const checked = this.#checkedId(list);
    const index = checked === null ? -1 : this.#shown.findIndex((tariff) => tariff.id === checked);
    const virtual = this.#isVirtual(list);
    const inDom = (i: number) => i >= 0 && (!virtual || (i >= this.#range.first && i <= this.#range.last));
    if (inDom(index)) return checked;
    const first = virtual ? Math.max(0, this.#range.first) : 0;
    return this.#shown[first]?.id ?? null;
  }

  #isVirtual(list: TariffList): boolean {
    return list.tariffs.length > VIRTUALIZE_FROM && this.virtualizer !== null;
  }

  #renderList(list: TariffList) {
    const t = this.#kabinet.messages;
    if (this.#shown.length === 0) {
      return html`<div part="list" class="scroll no-match">
        <p>${t.tariffs.noMatch}</p>
        <button part="button" type="button" @click=${() => this.#resetFilters()}>${t.tariffs.resetFilters}</button>
      </div>`;
    }
    const checked = this.#checkedId(list);
    const tabbable = this.#tabbableId(list);
    const total = this.#shown.length;
    const row = (tariff: Tariff, index: number) => this.#renderRow(tariff, index, total, checked, tabbable);
    const virtual = this.#isVirtual(list) ? this.virtualizer : null;
    // A virtualized list scrolls itself, so it needs a height: the list box, or less for a few rows.
    const height: Record<string, string> = virtual ? { height: `min(var(--_list-height), ${Math.max(total, 1) * ESTIMATED_ROW_EM}em)` } : {};
    return html`
      <div part="list" class="scroll ${virtual ? 'virtual' : ''}">
        <div
          role="radiogroup"
          style=${styleProps(height)}
          class="list"
          aria-label=${t.tariffs.listLabel}
          @keydown=${(event: KeyboardEvent) => this.#onListKey(event, list)}
          @rangeChanged=${(event: Event & { first: number; last: number }) => this.#onRange(event, list)}
        >
          ${virtual
            ? virtual.virtualize({ items: this.#shown, renderItem: row, keyFunction: rowKey, scroller: true, layout: virtual.flow({ direction: 'vertical' }) })
            : this.#shown.map(row)}
        </div>
      </div>
    `;
  }

  #renderRow(tariff: Tariff, index: number, total: number, checkedId: string | null, tabbableId: string | null) {
    const t = this.#kabinet.messages;
    const locale = this.#kabinet.locale;
    const checked = tariff.id === checkedId;
    const inTabOrder = tariff.id === tabbableId;
    const comparing = this.compareIds.includes(tariff.id);
    const compareFull = !comparing && this.compareIds.length >= COMPARE_MAX;
    const scheduled = this.#tariffs.state?.data?.scheduled;
    const options = optionsLine(tariff, t);
    const canSwitch = !tariff.current && tariff.available && scheduled?.to.id !== tariff.id;
    return html`
      <div part=${tariff.current ? 'tariff tariff-current' : 'tariff'} class="row ${checked ? 'checked' : ''}" data-id=${tariff.id}>
        <div
          class="pick"
          role="radio"
          id=${`radio-${tariff.id}`}
          aria-checked=${checked ? 'true' : 'false'}
          aria-posinset=${index + 1}
          aria-setsize=${total}
          aria-labelledby=${`name-${tariff.id} fee-${tariff.id}`}
          aria-describedby=${`facts-${tariff.id}`}
          tabindex=${inTabOrder ? '0' : '-1'}
          @click=${() => this.#select(tariff.id)}
        >
          <span class="name-line">
            <span class="name" id=${`name-${tariff.id}`}>${tariff.name}</span>
            ${tariff.current ? html`<span part="badge" class="badge current">${t.tariffs.current}</span>` : nothing}
            ${scheduled?.to.id === tariff.id ? html`<span part="badge" class="badge">${t.tariffs.scheduledBadge(formatBillingDate(scheduled.effectiveAt, locale))}</span>` : nothing}
          </span>
          <span part="amount" class="fee" id=${`fee-${tariff.id}`}>${t.tariffs.perMonth(formatMoney(tariff.monthlyFee, locale, { whole: true }))}</span>
          <span class="facts" id=${`facts-${tariff.id}`}>
            <span class="packages">${packagesLine(tariff, t, locale)}</span>
            ${options ? html`<span class="options">${options}</span>` : nothing}
            <span class="description">${tariff.description}</span>
          </span>
        </div>
        <div class="row-actions">
          <label class="compare-toggle ${compareFull ? 'disabled' : ''}">
            <input
              class="visually-hidden"
              type="checkbox"
              tabindex=${checked || inTabOrder ? '0' : '-1'}
              .checked=${live(comparing)}
              ?disabled=${compareFull}
              @change=${() => this.#toggleCompare(tariff.id)}
            />
            <span class="box" aria-hidden="true">${comparing ? checkIcon() : nothing}</span>
            <span>${t.tariffs.compare}<span class="visually-hidden"> ${tariff.name}</span></span>
          </label>
          ${canSwitch
            ? html`<button part="button" type="button" class="switch" tabindex=${checked || inTabOrder ? '0' : '-1'} @click=${() => this.#openConfirm(tariff)}>
                ${t.tariffs.switch}<span class="visually-hidden">${t.tariffs.switchTo(tariff.name)}</span>
              </button>`
            : nothing}
        </div>
      </div>
    `;
  }

  #select(id: string): void {
    this.selectedId = id;
  }

  #onRange(event: Event & { first: number; last: number }, list: TariffList): void {
    const before = this.#tabbableId(list);
    this.#range = { first: event.first, last: event.last };
    if (this.#tabbableId(list) !== before) this.requestUpdate();
  }

  /** Arrow keys, Home and End move the check (and the focus) through the whole list, rendered or not. */
  #onListKey(event: KeyboardEvent, list: TariffList): void {
    if (!(event.target as HTMLElement).matches('[role="radio"]')) return;
    const index = this.#shown.findIndex((tariff) => `radio-${tariff.id}` === (event.target as HTMLElement).id);
    const last = this.#shown.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: Math.min(last, index + 1),
      ArrowRight: Math.min(last, index + 1),
      ArrowUp: Math.max(0, index - 1),
      ArrowLeft: Math.max(0, index - 1),
      Home: 0,
      End: last,
      PageDown: Math.min(last, index + 5),
      PageUp: Math.max(0, index - 5),
    };
    if (event.key === ' ') {
      event.preventDefault();
      const tariff = this.#shown[index];
      if (tariff) this.#select(tariff.id);
      return;
    }
    const target = moves[event.key];
    if (target === undefined || index < 0) return;
    event.preventDefault();
    const tariff = this.#shown[target];
    if (!tariff) return;
    this.#select(tariff.id);
    if (this.#isVirtual(list) && this.virtualizer) {
      const host = this.renderRoot.querySelector('.list') as (HTMLElement & Record<symbol, { element(i: number): { scrollIntoView(o?: ScrollIntoViewOptions): void } | undefined } | undefined>) | null;
      host?.[this.virtualizer.virtualizerRef]?.element(target)?.scrollIntoView({ block: 'nearest' });
    }
    this.#focusAfterRender = tariff.id;
  }

  /** Focuses a row's radio once it is in the DOM (a virtualized row appears a frame or two after scrolling to it). */
  async #focusRadio(id: string): Promise<void> {
    this.#focusAfterRender = null;
    for (let frame = 0; frame < 10; frame++) {
      const radio = this.renderRoot.querySelector<HTMLElement>(`#radio-${CSS.escape(id)}`);
      if (radio) {
        radio.focus({ preventScroll: frame > 0 });
        if (frame === 0) radio.scrollIntoView({ block: 'nearest' });
        return;
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  }

  // ---- comparison ------------------------------------------------------------

  #toggleCompare(id: string): void {
    if (this.compareIds.includes(id)) this.compareIds = this.compareIds.filter((other) => other !== id);
    else if (this.compareIds.length < COMPARE_MAX) this.compareIds = [...this.compareIds, id];
    this.selectedId = id;
  }

  #comparedTariffs(list: TariffList): Tariff[] {
    return this.compareIds.map((id) => list.tariffs.find((tariff) => tariff.id === id)).filter((tariff): tariff is Tariff => tariff !== undefined);
  }

  #renderCompareTray(list: TariffList) {
    const t = this.#kabinet.messages;
    const chosen = this.#comparedTariffs(list);
    if (chosen.length === 0) return nothing;
    const ready = chosen.length >= 2;
    return html`
      <div part="compare-tray" class="compare-tray" role="group" aria-label=${t.tariffs.compareCount(chosen.length)}>
        <p class="tray-text">
          <span>${t.tariffs.compareCount(chosen.length)}</span>
          <span class="muted">${ready ? (chosen.length >= COMPARE_MAX ? t.tariffs.compareMax : '') : t.tariffs.compareHint}</span>
        </p>
        <div class="actions">
          <button
            part="button button-primary"
            type="button"
            class="primary"
            aria-disabled=${ready ? 'false' : 'true'}
            @click=${() => ready && this.#openDialog({ kind: 'compare' })}
          >
            ${t.tariffs.compareOpen(chosen.length)}
          </button>
          <button part="button" type="button" class="link" @click=${() => (this.compareIds = [])}>${t.tariffs.compareClear}</button>
        </div>
      </div>
    `;
  }

  #renderCompareTable(list: TariffList) {
    const t = this.#kabinet.messages;
    const locale = this.#kabinet.locale;
    const chosen = this.#comparedTariffs(list);
    const money = (value: Money) => formatMoney(value, locale, { whole: true });
    const rows: [string, (tariff: Tariff) => unknown][] = [
      [t.tariffs.monthlyFee, (tariff) => t.tariffs.perMonthLong(money(tariff.monthlyFee))],
      [t.kind.data, (tariff) => packageText(tariff, 'data', t, locale) ?? t.tariffs.noPackage],
      [t.kind.voice, (tariff) => packageText(tariff, 'voice', t, locale) ?? t.tariffs.noPackage],
      [t.kind.sms, (tariff) => packageText(tariff, 'sms', t, locale) ?? t.tariffs.noPackage],
      [t.tariffs.unlimited, (tariff) => (tariff.unlimited.length ? tariff.unlimited.map((option) => t.tariffs.option[option]).join(', ') : '—')],
      [t.tariffs.switchFee, (tariff) => (tariff.switchFee.amount === 0 ? t.tariffs.free : money(tariff.switchFee))],
      [t.tariffs.takesEffect, (tariff) => (tariff.switchTiming === 'now' ? t.tariffs.now : t.tariffs.onDate(formatBillingDate(list.nextBillingAt, locale)))],
      [t.tariffs.description, (tariff) => tariff.description],
    ];
    return html`
      <div class="table-scroll">
        <table part="compare-table" class="compare-table">
          <caption class="visually-hidden">${t.tariffs.compareTitle}</caption>
          <thead>
            <tr>
              <td></td>
              ${chosen.map(
                (tariff) => html`<th scope="col">
                  <span class="name">${tariff.name}</span>
                  ${tariff.current ? html`<span part="badge" class="badge current">${t.tariffs.current}</span>` : nothing}
                </th>`,
              )}
            </tr>
          </thead>
          <tbody>
            ${rows.map(([label, value]) => html`<tr><th scope="row">${label}</th>${chosen.map((tariff) => html`<td>${value(tariff)}</td>`)}</tr>`)}
            <tr>
              <td></td>
              ${chosen.map(
                (tariff) => html`<td>
                  ${!tariff.current && tariff.available
                    ? html`<button part="button" type="button" @click=${() => this.#openConfirm(tariff)}>
                        ${t.tariffs.switch}<span class="visually-hidden">${t.tariffs.switchTo(tariff.name)}</span>
                      </button>`
                    : nothing}
                </td>`,
              )}
            </tr>
          </tbody>
        </table>
      </div>
    `;
  }

  // ---- dialogs ---------------------------------------------------------------

  #openDialog(dialog: NonNullable<Dialog>): void {
    const active = this.renderRoot instanceof ShadowRoot ? this.renderRoot.activeElement : null;
    // From the comparison, focus goes back to where the comparison was opened from.
    if (!this.dialog) this.#returnFocus = active instanceof HTMLElement ? active : null;
    this.dialog = dialog;
  }

  #openConfirm(tariff: Tariff): void {
    this.#change.reset();
    this.selectedId = tariff.id;
    // One key per intent: "Try again" after a network failure reuses it, so the fee is charged once.
    this.#openDialog({ kind: 'confirm', tariff, key: createIdempotencyKey() });
  }

  #closeDialog(): void {
    if (this.#change.pending) return;
    this.dialog = null;
    this.#change.reset();
    const back = this.#returnFocus;
    this.#returnFocus = null;
    if (back?.isConnected) back.focus();
    else this.renderRoot.querySelector<HTMLElement>('#title')?.focus();
  }

  #renderDialog() {
    const t = this.#kabinet.messages;
    const list = this.#tariffs.state?.data;
    const dialog = this.dialog;
    let title = '';
    let body: TemplateResult | typeof nothing = nothing;
    if (dialog?.kind === 'compare' && list) {
      title = t.tariffs.compareTitle;
      body = html`${this.#renderCompareTable(list)}
        <div class="actions end"><button part="button" type="button" autofocus @click=${() => this.#closeDialog()}>${t.tariffs.close}</button></div>`;
    } else if (dialog?.kind === 'confirm' && list) {
      title = t.tariffs.confirmTitle(dialog.tariff.name);
      body = this.#renderConfirm(dialog.tariff, dialog.key, list);
    }
    return html`
      <dialog
        part="dialog"
        class="dialog ${dialog?.kind ?? ''}"
        aria-labelledby="dialog-title"
        @cancel=${(event: Event) => {
          event.preventDefault();
          this.#closeDialog();
        }}
      >
        ${dialog ? html`<h2 class="title" id="dialog-title">${title}</h2>${body}` : nothing}
      </dialog>
    `;
  }

  #renderConfirm(tariff: Tariff, key: string, list: TariffList) {
    const t = this.#kabinet.messages;
    const locale = this.#kabinet.locale;
    const money = (value: Money) => formatMoney(value, locale);
    const billing = formatBillingDate(list.nextBillingAt, locale);
    const balance = this.#balance.state?.data?.balance;
    const status = this.#change.status;
    const error = status === 'error' ? this.#change.error : undefined;
    const refused = error instanceof RefusedError;
    const pending = status === 'pending';
    return html`
      <dl class="summary">
        <div>
          <dt>${t.tariffs.switchFee}</dt>
          <dd>${tariff.switchFee.amount === 0 ? t.tariffs.free : t.tariffs.chargedNow(money(tariff.switchFee))}</dd>
        </div>
        <div>
          <dt>${t.tariffs.firstFee}</dt>
          <dd>${t.tariffs.firstFeeOn(money(tariff.monthlyFee), billing)}</dd>
        </div>
        <div>
          <dt>${t.tariffs.takesEffect}</dt>
          <dd>${tariff.switchTiming === 'now' ? t.tariffs.now : t.tariffs.onDate(billing)}</dd>
        </div>
        ${balance
          ? html`<div>
              <dt>${t.tariffs.balanceAfter}</dt>
              <dd part="amount">${money({ amount: balance.amount - tariff.switchFee.amount, currency: balance.currency })}</dd>
            </div>`
          : nothing}
      </dl>
      ${error ? html`<p part="error" class="note ${refused ? 'warning' : 'danger'}">${alertIcon()}<span>${this.#explainChange(error)}</span></p>` : nothing}
      <div class="actions end">
        ${refused
          ? html`<button part="button" type="button" autofocus @click=${() => this.#closeDialog()}>${t.tariffs.close}</button>`
          : html`<button part="button" type="button" ?autofocus=${!pending} aria-disabled=${pending ? 'true' : 'false'} @click=${() => this.#closeDialog()}>
                ${t.tariffs.cancel}
              </button>
              <button
                part="button button-primary"
                type="button"
                class="primary"
                aria-disabled=${pending ? 'true' : 'false'}
                @click=${() => void this.#confirm(tariff, key)}
              >
                ${pending ? html`${refreshIcon(true)}${t.tariffs.switching}` : error ? t.tryAgain : t.tariffs.confirm}
              </button>`}
      </div>
    `;
  }

  /** The sentence for a failed switch: a refusal says why and what to do; anything else says it is safe to retry. */
  #explainChange(error: unknown): string {
    const t = this.#kabinet.messages;
    if (error instanceof RefusedError && error.code === 'insufficient_funds') {
      const shortfall = error.problem?.['shortfall'] as Money | undefined;
      return shortfall ? t.tariffs.insufficientFunds(formatMoney(shortfall, this.#kabinet.locale)) : t.problem.insufficient_funds;
    }
    if (error instanceof RefusedError && error.code === 'tariff_already_active' && error.problem?.['scheduledAt']) return t.tariffs.alreadyScheduled;
    const { message } = explain(error, t);
    return error instanceof RefusedError ? message : `${t.tariffs.failed} ${message}`;
  }

  async #confirm(tariff: Tariff, key: string): Promise<void> {
    const msisdn = this.shownMsisdn;
    if (!msisdn || this.#change.pending) return;
    const t = this.#kabinet.messages;
    const change = await this.#change.run(msisdn, tariff.id, key);
    if (!change) {
      const error = this.#change.error;
      if (error === undefined) return;
      this.announcement = this.#explainChange(error);
      // A refusal replaces the dialog's buttons with "Close": the focus goes there rather than to the page.
      if (error instanceof RefusedError) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('dialog[open] [autofocus]')?.focus());
      else {
        const { code, message } = explain(error, t);
        emit(this, 'kb-error', { code, message, error });
      }
      return;
    }
    this.#done(change);
  }

  #done(change: TariffChange): void {
    const t = this.#kabinet.messages;
    const text =
      change.status === 'applied' ? t.tariffs.changed(change.to.name) : t.tariffs.scheduled(change.to.name, formatBillingDate(change.effectiveAt, this.#kabinet.locale));
    this.notice = text;
    this.announcement = text;
    this.selectedId = null;
    this.dialog = null;
    this.#change.reset();
    this.#returnFocus = null;
    emit(this, 'kb-tariff-change', { msisdn: change.msisdn as Msisdn, from: change.from, to: change.to, status: change.status, effectiveAt: change.effectiveAt, charged: change.charged });
    this.#focusAfterRender = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#title')?.focus());
  }
}

