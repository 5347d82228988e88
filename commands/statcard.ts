import { Command, formatDuration, imagelib } from 'cmdsys';

/**
 * Renders a small PNG card with the bot's uptime, guild count and commands run (imagelib).
 * Discord gets it as an attachment; the console and IRC save it in the data dir.
 */
export class StatCard extends Command {
  setup() {
    this.name = 'statcard';
    this.desc = 'Shows uptime, guilds and commands run as an image.';
    this.lib = 'examples 1.0';
  }

  async call() {
    if (!imagelib.available) {
      await this.respond(`No image support here: ${imagelib.unavailableReason}`);
      return;
    }
    const { uptimeMs, guilds, commandsRun } = this.env.stats;
    const card = imagelib.createImage(480, 200, '#1e2230');
    card.fill('#5865f2', { x: 0, y: 0, width: 8, height: 200 });
    card.writeText('Bot status', { x: 32, y: 20, size: 30, bold: true, color: '#ffffff' });
    const rows: [string, string][] = [
      ['Uptime', formatDuration(uptimeMs)],
      ['Guilds', String(guilds)],
      ['Commands run', String(commandsRun)],
    ];
    rows.forEach(([label, value], i) => {
      const y = 76 + i * 38;
      card.writeText(label, { x: 32, y, size: 22, color: '#aab2cc' });
      card.writeText(value, { x: 448, y, size: 22, bold: true, color: '#ffffff', align: 'right' });
    });
    await this.respondImage(card, 'statcard.png', 'Bot status');
  }
}
