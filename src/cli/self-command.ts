/**
 * How to start this same CLI as a child process (the stand-in in a Unity build's place).
 */
import { fileURLToPath } from 'node:url';

export function shivaCommand(): { command: string; args: string[] } {
  return { command: process.execPath, args: [fileURLToPath(new URL('./main.js', import.meta.url))] };
}
