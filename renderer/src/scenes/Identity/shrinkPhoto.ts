/**
 * Phone cameras take photos of many megabytes; the server takes JPEG or PNG up to 5 MB. Photos are scaled
 * to at most 2000 px and re-encoded as JPEG in the browser, which also turns HEIC-like captures into JPEG
 * where the browser can decode them. When it cannot, the original goes up and the server decides.
 */
const MAX_SIDE = 2000;

/** The photo as a JPEG of at most 2000 px on its longer side, or the file itself if that fails. */
export async function shrinkPhoto(file: File): Promise<Blob> {
  if (typeof createImageBitmap !== "function") return file;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    const context = canvas.getContext("2d");
    if (context === null) return file;
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.85));
    return blob ?? file;
  } catch {
    return file;
  }
}
