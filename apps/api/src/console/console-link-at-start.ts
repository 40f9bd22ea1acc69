import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ConsoleSignInService } from './console-sign-in.service';

/** Prints a one-time console sign-in link at start: on stderr, outside the JSON log, which must never hold a credential. */
@Injectable()
export class ConsoleLinkAtStart implements OnApplicationBootstrap {
  constructor(
    private readonly config: AppConfig,
    private readonly signIn: ConsoleSignInService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.console.signInLinkAtStart) return;
    const link = await this.signIn.newLink();
    process.stderr.write(`Console sign-in link (one use, 10 minutes; \`npm run -s cli -- console-link\` prints another):\n${link}\n`);
  }
}
