import { LoggerService } from '@nestjs/common';
import { StartUpDetailAtDebug } from './start-up-logger';

describe('StartUpDetailAtDebug', () => {
  const inner = () => ({ log: jest.fn(), debug: jest.fn(), error: jest.fn(), warn: jest.fn() }) satisfies LoggerService;

  it.each(['RouterExplorer', 'RoutesResolver', 'InstanceLoader', 'NestApplication'])('logs %s lines at debug', (context) => {
    const logger = inner();
    new StartUpDetailAtDebug(logger).log('Mapped {/user, GET} route', context);
    expect(logger.debug).toHaveBeenCalledWith('Mapped {/user, GET} route', context);
    expect(logger.log).not.toHaveBeenCalled();
  });

  it('keeps everything else as it was', () => {
    const logger = inner();
    const wrapped = new StartUpDetailAtDebug(logger);
    wrapped.log('job queue started', 'Jobs');
    wrapped.error('boom', 'stack', 'Jobs');
    expect(logger.log).toHaveBeenCalledWith('job queue started', 'Jobs');
    expect(logger.error).toHaveBeenCalledWith('boom', 'stack', 'Jobs');
    expect(logger.debug).not.toHaveBeenCalled();
  });
});
