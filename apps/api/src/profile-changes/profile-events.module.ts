import { Global, Module } from '@nestjs/common';
import { ProfileEvents } from './profile-events.service';

@Global()
@Module({ providers: [ProfileEvents], exports: [ProfileEvents] })
export class ProfileEventsModule {}
