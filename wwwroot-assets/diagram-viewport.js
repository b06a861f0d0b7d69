// PowerMap diagram pan and zoom in the browser, imported by DiagramViewportInterop as an ES module (no globals).
//
// Blazor.Diagrams sends every pointer move and wheel event of its canvas to the server (on Blazor Server: one SignalR
// round trip each). This module moves the canvas layers itself and tells the server the final viewport once the
// gesture has rested for a moment (debounced). The server keeps Blazor.Diagrams' own zoom and pan turned off and sets
// the reported viewport with SetPan/SetZoom, so fit, the minimap, the URL and the exports stay in step.
//
// What is swallowed (never reaches Blazor): wheel events over the canvas, and the pointer moves and the pointer up of
// a pan or a pinch. A pointer down always goes through, so clicks on nodes, on the background and double clicks work as
// before; a drag that started on a node is left to Blazor.Diagrams.

const ZoomStep = 1.15;        // one wheel notch
const NotchPixels = 100;      // a notch's deltaY in pixel mode (Chromium, Edge, Safari)
const LinePixels = NotchPixels / 3; // Firefox's line mode scrolls 3 lines a notch
const DragThreshold = 3;      // px a pointer must move before a press becomes a pan
const DebounceMs = 150;
// Below this zoom a card's texts are unreadable: nodes become compact tiles (name and heat colour, diagram.css
// [data-lod="tile"]). The browser switches it and sets --pm-zoom (labels scaled by 1 / zoom) without a server round
// trip, but only once a wheel, pan or pinch has rested: --pm-zoom is inherited by every element of the diagram, so
// each change restyles and lays out all of it (tens of ms at the M site), while a gesture step that only moves the two
// canvas layers costs next to nothing. During the gesture the labels scale with the drawing for a moment.
const TileZoom = 0.4;
const LabelRestMs = 120;

const attached = new WeakMap(); // container → handle

/**
 * How many pixels at the bottom of the canvas the side panel covers (the phone's bottom sheet lies over the diagram;
 * on a wide window the panel sits beside it and covers nothing).
 * @param {HTMLElement} container
 */
export function coveredBottom(container) {
    const canvas = container.querySelector(".diagram-canvas");
    const side = document.getElementById("topology-side");
    if (!canvas || !side) {
        return 0;
    }
    const c = canvas.getBoundingClientRect();
    const s = side.getBoundingClientRect();
    const overlaps = s.width > 0 && s.height > 0 && s.left <= c.left + 1 && s.right >= c.right - 1 && s.top > c.top && s.top < c.bottom;
    return overlaps ? c.bottom - s.top : 0;
}

/**
 * Attaches pan (drag on the background or a group frame), wheel zoom around the pointer and pinch to the diagram
 * container. Returns an object with dispose().
 * @param {HTMLElement} container the element that holds Blazor.Diagrams' .diagram-canvas
 * @param {any} dotNet DotNetObjectReference with OnBrowserViewport(zoom, panX, panY)
 * @param {number} minZoom
 * @param {number} maxZoom
 */
export function attach(container, dotNet, minZoom, maxZoom) {
    // Handlers attached twice would each move the layers from their own idea of the viewport.
    attached.get(container)?.dispose();
    const pointers = new Map(); // pointerId → { x, y }
    let gesture = null;         // { kind: "pan" | "pinch", ... }
    let timer = 0;
    let labelTimer = 0;
    let view = null;            // { zoom, x, y } while a gesture is under way or not yet reported

    const canvas = () => container.querySelector(".diagram-canvas");
    const layers = () => container.querySelectorAll(".diagram-canvas > .diagram-svg-layer, .diagram-canvas > .diagram-html-layer");

    /** The viewport the page shows now (the server's last render, or this module's own last move). */
    function current() {
        return view ?? shown();
    }

    /** The viewport the canvas layer's transform shows (whoever set it). */
    function shown() {
        const layer = container.querySelector(".diagram-canvas > .diagram-html-layer");
        const m = layer && /translate\(\s*(-?[\d.e+-]+)px,\s*(-?[\d.e+-]+)px\)\s*scale\(\s*([\d.e+-]+)\s*\)/.exec(layer.style.transform);
        return m ? { x: +m[1], y: +m[2], zoom: +m[3] } : { x: 0, y: 0, zoom: 1 };
    }

    /** The level of detail for a zoom: --pm-zoom for the labels scaled by 1 / zoom, and tiles or cards. */
    function showZoom(zoom) {
        clearTimeout(labelTimer);
        if (!(zoom > 0)) {
            return;
        }
        const z = zoom.toFixed(4);
        if (container.style.getPropertyValue("--pm-zoom") !== z) {
            container.style.setProperty("--pm-zoom", z);
        }
        const lod = zoom < TileZoom ? "tile" : "card";
        if (container.dataset.lod !== lod) {
            container.dataset.lod = lod;
        }
    }

    /** showZoom once the gesture has rested (see LabelRestMs). */
    function showZoomAtRest(zoom) {
        clearTimeout(labelTimer);
        labelTimer = setTimeout(() => showZoom(zoom), LabelRestMs);
    }

    function apply(next) {
        view = next;
        const transform = `translate(${next.x}px, ${next.y}px) scale(${next.zoom})`;
        for (const layer of layers()) {
            layer.style.transform = transform;
        }
        showZoomAtRest(next.zoom);
        container.dataset.browserZoom = next.zoom.toFixed(4);
        clearTimeout(timer);
        timer = setTimeout(report, DebounceMs);
    }

    function report() {
        if (!view || gesture) {
            return; // still moving: reported when it ends
        }
        const v = view;
        dotNet.invokeMethodAsync("OnBrowserViewport", v.zoom, v.x, v.y)
            .then(() => { if (view === v) view = null; }) // the server's next render carries this viewport
            .catch(() => { /* the circuit is gone: nothing to keep in step */ });
    }

    /** Zooms by factor keeping the canvas point (px, py) where it is on screen. */
    function zoomAround(from, factor, px, py) {
        const zoom = Math.min(maxZoom, Math.max(minZoom, from.zoom * factor));
        const k = zoom / from.zoom;
        return { zoom, x: px - (px - from.x) * k, y: py - (py - from.y) * k };
    }

    function local(e) {
        const r = canvas().getBoundingClientRect();
        return { x: e.clientX - r.left, y: e.clientY - r.top };
    }

    /** The wheel's vertical distance in pixels, whatever unit the event counts in (pixels, lines or pages). */
    function wheelPixels(e) {
        switch (e.deltaMode) {
            case WheelEvent.DOM_DELTA_LINE: return e.deltaY * LinePixels;
            case WheelEvent.DOM_DELTA_PAGE: return e.deltaY * (canvas()?.clientHeight || 800);
            default: return e.deltaY;
        }
    }

    function onWheel(e) {
        if (!canvas() || !canvas().contains(e.target)) {
            return;
        }
        e.preventDefault();
        e.stopPropagation();
        if (e.deltaY === 0) {
            return;
        }
        // The zoom follows the wheel's distance, not the number of events: when the page is busy the browser merges
        // queued wheel events into one with the deltas summed, and counting events (or signs) would lose notches.
        const notches = wheelPixels(e) / NotchPixels;
        const p = local(e);
        // Standard direction: wheel up (negative delta) zooms in.
        apply(zoomAround(current(), Math.pow(ZoomStep, -notches), p.x, p.y));
    }

    /** Where a press may start a pan: the background or a group frame (not a node, a button or the minimap). */
    function pannable(target) {
        const c = canvas();
        if (!c || !c.contains(target)) {
            return false;
        }
        const node = target.closest(".diagram-node");
        return !node || node.querySelector(":scope > .pm-group") !== null || target.closest(".pm-group") !== null;
    }

    function onPointerDown(e) {
        if (e.button !== 0 && e.pointerType === "mouse") {
            return;
        }
        const c = canvas();
        if (!c || !c.contains(e.target)) {
            return;
        }
        pointers.set(e.pointerId, local(e));
        if (pointers.size === 2) {
            const [a, b] = [...pointers.values()];
            gesture = { kind: "pinch", start: current(), distance: Math.hypot(a.x - b.x, a.y - b.y) || 1, mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } };
        } else if (pointers.size === 1 && pannable(e.target)) {
            gesture = { kind: "press", id: e.pointerId, start: current(), from: local(e) };
        }
    }

    function onPointerMove(e) {
        if (!gesture || !pointers.has(e.pointerId)) {
            return;
        }
        const p = local(e);
        pointers.set(e.pointerId, p);
        if (gesture.kind === "pinch" && pointers.size >= 2) {
            const [a, b] = [...pointers.values()];
            const distance = Math.hypot(a.x - b.x, a.y - b.y) || 1;
            const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
            const z = zoomAround(gesture.start, distance / gesture.distance, gesture.mid.x, gesture.mid.y);
            apply({ zoom: z.zoom, x: z.x + mid.x - gesture.mid.x, y: z.y + mid.y - gesture.mid.y });
            e.stopPropagation();
            return;
        }
        if (gesture.id !== e.pointerId) {
            return;
        }
        const dx = p.x - gesture.from.x, dy = p.y - gesture.from.y;
        if (gesture.kind === "press" && Math.hypot(dx, dy) < DragThreshold) {
            return; // maybe a click: Blazor still sees it
        }
        gesture.kind = "pan";
        e.stopPropagation();
        apply({ zoom: gesture.start.zoom, x: gesture.start.x + dx, y: gesture.start.y + dy });
    }

    function onPointerUp(e) {
        if (!pointers.delete(e.pointerId)) {
            return;
        }
        const moved = gesture && (gesture.kind === "pan" || gesture.kind === "pinch");
        if (moved) {
            // Blazor saw the press but no move: without the release it sees no click either.
            e.stopPropagation();
        }
        if (pointers.size === 0 || (gesture && gesture.kind !== "pinch")) {
            gesture = null;
        } else if (gesture && gesture.kind === "pinch") {
            // One finger left: carry on as a pan from where the pinch ended.
            const [id, p] = [...pointers.entries()][0];
            gesture = { kind: "pan", id, start: current(), from: p };
        }
        if (moved) {
            clearTimeout(timer);
            timer = setTimeout(report, DebounceMs);
        }
    }

    // Print (and print preview, and Playwright's print emulation): the whole site fitted into the printed canvas, the
    // screen's viewport put back afterwards. CSS cannot re-zoom the layers, so this listens to the print media query.
    const printQuery = window.matchMedia("print");
    function onPrintChange() {
        const all = layers();
        if (printQuery.matches) {
            const nodes = container.querySelectorAll(".diagram-canvas > .diagram-html-layer > .diagram-node");
            const c = canvas();
            if (!c || nodes.length === 0) {
                return;
            }
            let left = Infinity, top = Infinity, right = -Infinity, bottom = -Infinity;
            for (const n of nodes) {
                left = Math.min(left, n.offsetLeft);
                top = Math.min(top, n.offsetTop);
                right = Math.max(right, n.offsetLeft + n.offsetWidth);
                bottom = Math.max(bottom, n.offsetTop + n.offsetHeight);
            }
            const margin = 8, legend = 28;
            const width = c.clientWidth - 2 * margin, height = c.clientHeight - margin - legend;
            const zoom = Math.min(1, width / Math.max(1, right - left), height / Math.max(1, bottom - top));
            const x = margin + (width - (right - left) * zoom) / 2 - left * zoom;
            const y = margin - top * zoom;
            // A stylesheet rule with !important (diagram.css, [data-printing]): the server re-renders the layers' inline
            // transform when the printed canvas' new size reaches it, and must not undo the fit.
            container.style.setProperty("--pm-print-transform", `translate(${x}px, ${y}px) scale(${zoom})`);
            container.dataset.printing = "true";
            container.dataset.printZoom = zoom.toFixed(4);
            showZoom(zoom);
        } else {
            delete container.dataset.printing;
            container.style.removeProperty("--pm-print-transform");
            delete container.dataset.printZoom;
            showZoom(current().zoom);
        }
    }
    printQuery.addEventListener("change", onPrintChange);

    // The server sets the zoom too (fit, zoom to trace, keys, a deep link): follow the layer's transform wherever it
    // comes from.
    // A step of this module's own gesture is left to showZoomAtRest (the transform reads back with 6 significant digits).
    const layerWatch = new MutationObserver(records => {
        if (!container.dataset.printing && records.some(r => r.target.classList?.contains("diagram-html-layer"))) {
            const zoom = shown().zoom;
            if (!view || Math.abs(view.zoom - zoom) > view.zoom * 1e-4) {
                showZoom(zoom);
            }
        }
    });
    layerWatch.observe(container, { subtree: true, attributes: true, attributeFilter: ["style"] });
    showZoom(current().zoom);

    /**
     * Arrow keys on a focused node move the focus to the nearest node in that direction (what is beside, above or below
     * it on screen) instead of panning; the canvas' own arrow keys (pan) still work when no node has the focus.
     * @param {KeyboardEvent} e
     */
    function onKeyDown(e) {
        const dir = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[e.key];
        const from = e.target instanceof Element ? e.target.closest(".pm-node[tabindex]") : null;
        if (!dir || !from || e.ctrlKey || e.altKey || e.metaKey || e.shiftKey) {
            return;
        }
        e.preventDefault();
        e.stopPropagation();
        const a = from.getBoundingClientRect();
        const ax = a.left + a.width / 2, ay = a.top + a.height / 2;
        let best = null, bestScore = Infinity;
        for (const n of container.querySelectorAll(".diagram-node .pm-node[tabindex]")) {
            if (n === from) {
                continue;
            }
            const b = n.getBoundingClientRect();
            const dx = b.left + b.width / 2 - ax, dy = b.top + b.height / 2 - ay;
            const along = dx * dir[0] + dy * dir[1];          // how far in the arrow's direction
            const across = Math.abs(dx * dir[1] + dy * dir[0]); // how far off its line
            if (along <= 1) {
                continue;
            }
            const score = along + 2 * across;
            if (score < bestScore) {
                best = n;
                bestScore = score;
            }
        }
        best?.focus({ preventScroll: true });
    }

    // The legend lies over the bottom of the canvas and wraps onto more lines in a narrow canvas: the server keeps the
    // drawing it fits or brings into view above it, so it learns the band the legend takes.
    let legendBand = 0;
    const legendWatch = new ResizeObserver(() => {
        const legend = container.querySelector(".pm-legend");
        const c = canvas();
        if (!legend || !c || container.dataset.printing) {
            return;
        }
        const band = Math.max(0, Math.ceil(c.getBoundingClientRect().bottom - legend.getBoundingClientRect().top));
        if (band !== legendBand) {
            legendBand = band;
            dotNet.invokeMethodAsync("OnLegendBand", band).catch(() => { /* the circuit is gone */ });
        }
    });
    legendWatch.observe(container);
    const legend = container.querySelector(".pm-legend");
    if (legend) {
        legendWatch.observe(legend);
    }

    const opts = { capture: true };
    container.addEventListener("keydown", onKeyDown, opts);
    container.addEventListener("wheel", onWheel, { capture: true, passive: false });
    container.addEventListener("pointerdown", onPointerDown, opts);
    container.addEventListener("pointermove", onPointerMove, opts);
    container.addEventListener("pointerup", onPointerUp, opts);
    container.addEventListener("pointercancel", onPointerUp, opts);
    container.dataset.browserViewport = "true";

    const handle = {
        dispose() {
            attached.delete(container);
            clearTimeout(timer);
            clearTimeout(labelTimer);
            printQuery.removeEventListener("change", onPrintChange);
            layerWatch.disconnect();
            legendWatch.disconnect();
            container.removeEventListener("wheel", onWheel, { capture: true });
            container.removeEventListener("keydown", onKeyDown, opts);
            container.removeEventListener("pointerdown", onPointerDown, opts);
            container.removeEventListener("pointermove", onPointerMove, opts);
            container.removeEventListener("pointerup", onPointerUp, opts);
            container.removeEventListener("pointercancel", onPointerUp, opts);
            delete container.dataset.browserViewport;
        },
    };
    attached.set(container, handle);
    return handle;
}
