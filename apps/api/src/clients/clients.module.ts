import { Module } from '@nestjs/common';
import { BootstrapAdminService } from './bootstrap-admin.service';
import { ClientsController } from './clients.controller';
import { ClientsRepository } from './clients.repository';
import { ClientsService } from './clients.service';

@Module({
  controllers: [ClientsController],
  providers: [ClientsRepository, ClientsService, BootstrapAdminService],
})
export class ClientsModule {}
