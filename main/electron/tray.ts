/**
 * The tray icon and its menu (issue 6): Open, the next deadlines, pause
 * notifications for 1 h / until tomorrow, Quit; the unseen count in the
 * tooltip and as a dot on the icon (a badge on macOS).
 *
 * Thin: the data comes from the core's watcher through the callbacks; the
 * icons are drawn as raw pixels here (no image files, no downloads).
 */
import { app, Menu, nativeImage, Tray, type NativeImage } from 'electron';

/** What the tray shows and does. */
export interface TrayModel {
  nextDeadlines(): Array<{ label: string; open(): void }>;
  pause(span: '1h' | 'tomorrow'): void;
  open(): void;
  quit(): void;
}

/** Draw the 32×32 icon: a rounded red square with a white "A"-like chevron, and a dot when `unseen`. */
function drawIcon(unseen: boolean): NativeImage {
  const size = 32;
  const buf = Buffer.alloc(size * size * 4);
  const put = (x: number, y: number, [r, g, b]: [number, number, number]) => {
    const i = (y * size + x) * 4;
    buf[i] = b; // BGRA
    buf[i + 1] = g;
    buf[i + 2] = r;
    buf[i + 3] = 255;
  };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const cx = Math.min(x, size - 1 - x);
      const cy = Math.min(y, size - 1 - y);
      const corner = cx < 5 && cy < 5 && (5 - cx) ** 2 + (5 - cy) ** 2 > 25;
      if (!corner) put(x, y, [179, 18, 46]);
      const onA = y >= 7 && y <= 25 && Math.abs(Math.abs(x - 16) - (y - 7) / 2.2) < 1.6;
      if (onA || (y === 19 && Math.abs(x - 16) < 5)) put(x, y, [255, 255, 255]);
      if (unseen && (x - 26) ** 2 + (y - 6) ** 2 <= 25) put(x, y, [255, 196, 0]);
    }
  }
  return nativeImage.createFromBitmap(buf, { width: size, height: size });
}

/** The app's tray. */
export class AppTray {
  private readonly tray: Tray;
  private readonly icons = { plain: drawIcon(false), unseen: drawIcon(true) };

  constructor(private readonly model: TrayModel) {
    this.tray = new Tray(this.icons.plain);
    this.tray.setToolTip('Autolab Desktop');
    this.tray.on('click', () => model.open());
    this.refresh();
  }

  /** Rebuild the menu (the deadlines move). */
  refresh(): void {
    const deadlines = this.model.nextDeadlines().slice(0, 3);
    this.tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Open Autolab Desktop', click: () => this.model.open() },
        { type: 'separator' },
        { label: 'Next deadlines', enabled: false },
        ...(deadlines.length ? deadlines.map((d) => ({ label: d.label, click: () => d.open() })) : [{ label: 'None coming up', enabled: false }]),
        { type: 'separator' },
        { label: 'Pause notifications for 1 hour', click: () => this.model.pause('1h') },
        { label: 'Pause notifications until tomorrow', click: () => this.model.pause('tomorrow') },
        { type: 'separator' },
        { label: 'Quit', click: () => this.model.quit() },
      ]),
    );
  }

  /** Show the unseen count: tooltip and icon dot everywhere, the dock badge on macOS. */
  setUnseen(count: number): void {
    this.tray.setImage(count ? this.icons.unseen : this.icons.plain);
    this.tray.setToolTip(count ? `Autolab Desktop — ${count} new` : 'Autolab Desktop');
    if (process.platform === 'darwin') app.setBadgeCount(count);
    this.refresh();
  }

  /** Remove the icon (quit). */
  destroy(): void {
    this.tray.destroy();
  }
}
