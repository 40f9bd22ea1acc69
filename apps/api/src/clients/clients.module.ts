import { Module } from '@nestjs/common';
import { BootstrapAdminService } from './bootstrap-admin.service';
import { ClientsController } from './clients.controller';
import { ClientsService } from './clients.service';

@Module({
  controllers: [ClientsController],
  providers: [ClientsService, BootstrapAdminService],
})
export class ClientsModule {}
