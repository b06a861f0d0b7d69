// PowerMap diagram export and print, imported by DiagramExportInterop as an ES module (no globals).

function save(blob, fileName) {
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = fileName;
    a.style.display = "none";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 2000);
}

/** Downloads a text file (the SVG written on the server). */
export function downloadText(fileName, text, mimeType) {
    save(new Blob([text], { type: mimeType }), fileName);
}

/** Draws the SVG on a canvas (white background, at most maxSide pixels a side) and downloads it as PNG. */
export async function downloadPng(fileName, svgText, width, height, maxSide) {
    const scale = Math.min(2, maxSide / Math.max(width, height));
    const url = URL.createObjectURL(new Blob([svgText], { type: "image/svg+xml" }));
    try {
        const image = new Image();
        await new Promise((resolve, reject) => {
            image.onload = resolve;
            image.onerror = () => reject(new Error("The diagram SVG could not be drawn."));
            image.src = url;
        });
        const canvas = document.createElement("canvas");
        canvas.width = Math.max(1, Math.round(width * scale));
        canvas.height = Math.max(1, Math.round(height * scale));
        const context = canvas.getContext("2d");
        context.fillStyle = "#ffffff";
        context.fillRect(0, 0, canvas.width, canvas.height);
        context.drawImage(image, 0, 0, canvas.width, canvas.height);
        const blob = await new Promise(resolve => canvas.toBlob(resolve, "image/png"));
        if (!blob) {
            throw new Error("The browser could not encode the PNG.");
        }
        save(blob, fileName);
    } finally {
        URL.revokeObjectURL(url);
    }
}

/**
 * Opens the print view (/topology/print?…, the drawing tiled over pages) in a new tab and prints it once it has loaded;
 * the tab stays as a preview. (Not a hidden frame: the app's pages refuse to be framed.) Ctrl+P on /topology itself
 * still prints the canvas fitted to one page (diagram.css). Returns false when the browser blocked the tab.
 */
export function printPage(url) {
    const tab = window.open(new URL(url, document.baseURI).href, "_blank");
    if (!tab) {
        return false;
    }
    const started = Date.now();
    const timer = setInterval(() => {
        let ready = false;
        try {
            ready = tab.location.pathname.endsWith("/topology/print") && tab.document.readyState === "complete";
        } catch {
            // Not yet navigated away from the initial blank page.
        }
        if (ready) {
            clearInterval(timer);
            tab.focus();
            tab.print();
        } else if (tab.closed || Date.now() - started > 30000) {
            clearInterval(timer);
        }
    }, 100);
    return true;
}
