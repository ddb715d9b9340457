// Every command is a class with its id, registered in one place (the composition root) through this
// manager, which disposes the registrations with the extension.
import * as vscode from 'vscode';
import { Disposable } from './dispose';

export interface Command {
  readonly id: string;
  execute(...args: unknown[]): unknown;
}

export class CommandManager extends Disposable {
  private readonly registered = new Set<string>();

  register<T extends Command>(command: T): T {
    if (this.registered.has(command.id)) throw new Error(`command ${command.id} is registered twice`);
    this.registered.add(command.id);
    this._register(vscode.commands.registerCommand(command.id, (...args: unknown[]) => command.execute(...args)));
    return command;
  }
}
