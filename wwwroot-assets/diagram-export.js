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

/** Opens the print dialog; diagram.css has the print stylesheet. */
export function printDiagram() {
    window.print();
}
