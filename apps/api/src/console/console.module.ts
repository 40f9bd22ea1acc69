import { Module } from '@nestjs/common';
import { ConsoleController } from './console.controller';
import { ConsoleLinkAtStart } from './console-link-at-start';
import { ConsoleSignInService } from './console-sign-in.service';

@Module({
  controllers: [ConsoleController],
  providers: [ConsoleSignInService, ConsoleLinkAtStart],
})
export class ConsoleModule {}
